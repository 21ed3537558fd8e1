package io.tasker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.db.schema.SchemaCatalog;
import io.tasker.store.rows.PgEnum;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.Table;
import io.tasker.store.rows.TaskRow;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import io.tasker.testing.DatabaseTest;
import tools.jackson.databind.JsonNode;

/**
 * The lesson of seed 001: Java models and SQL must never drift. Every {@link Table} record must match its table
 * column for column (name, type, nullability), every table must have a record, and every {@link PgEnum} must have
 * the labels of its PostgreSQL type.
 */
@DatabaseTest
class RowRecordDriftTest {

    private static final Map<Class<?>, List<String>> POSTGRES_TYPES = Map.ofEntries(
            Map.entry(UUID.class, List.of("uuid")),
            Map.entry(String.class, List.of("varchar", "text")),
            Map.entry(boolean.class, List.of("bool")),
            Map.entry(Boolean.class, List.of("bool")),
            Map.entry(int.class, List.of("int4")),
            Map.entry(Integer.class, List.of("int4")),
            Map.entry(long.class, List.of("int8")),
            Map.entry(Long.class, List.of("int8")),
            Map.entry(double.class, List.of("float8")),
            Map.entry(LocalDateTime.class, List.of("timestamp")),
            Map.entry(OffsetDateTime.class, List.of("timestamptz")),
            Map.entry(JsonNode.class, List.of("jsonb", "json")));

    @Test
    void every_row_record_matches_its_table(DataSource dataSource) throws Exception {
        SchemaCatalog catalog = SchemaCatalog.read(dataSource);
        List<String> drift = new ArrayList<>();
        for (Class<?> type : rowRecords()) {
            String tableName = type.getAnnotation(Table.class).value();
            var table = catalog.table(tableName);
            if (table.isEmpty()) {
                drift.add(type.getSimpleName() + " maps table " + tableName + ", which does not exist");
                continue;
            }
            compare(type, table.get(), drift);
        }
        assertThat(drift).as("differences between the row records and the tables").isEmpty();
    }

    @Test
    void every_table_has_a_row_record(DataSource dataSource) throws Exception {
        List<String> mapped = rowRecords().stream().map(t -> t.getAnnotation(Table.class).value()).toList();
        List<String> tables = SchemaCatalog.read(dataSource).tables().stream().map(SchemaCatalog.Table::name).toList();
        assertThat(mapped).as("tables with a row record").containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void every_java_enum_matches_its_postgres_enum(DataSource dataSource) throws Exception {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        SchemaCatalog.read(dataSource).enums().forEach(e -> labels.put(e.name(), e.labels()));
        for (Class<?> type : classesInPackageOf(TaskRow.class)) {
            PgEnum pgEnum = type.getAnnotation(PgEnum.class);
            if (pgEnum == null) {
                continue;
            }
            List<String> javaLabels = Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
            assertThat(javaLabels).as(type.getSimpleName() + " vs tasker." + pgEnum.value())
                    .isEqualTo(labels.get(pgEnum.value()));
        }
    }

    private static void compare(Class<?> type, SchemaCatalog.Table table, List<String> drift) {
        String name = type.getSimpleName();
        List<String> componentColumns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String column = RecordRowMapper.columnName(component.getName());
            componentColumns.add(column);
            var actual = table.column(column);
            if (actual.isEmpty()) {
                drift.add(name + "." + component.getName() + ": no column " + table.name() + "." + column);
                continue;
            }
            Class<?> javaType = component.getType();
            List<String> allowed = javaType.isEnum()
                    ? List.of(javaType.getAnnotation(PgEnum.class) == null ? "?" : javaType.getAnnotation(PgEnum.class).value())
                    : POSTGRES_TYPES.getOrDefault(javaType, List.of());
            if (!allowed.contains(actual.get().udtName())) {
                drift.add(name + "." + component.getName() + " is " + javaType.getSimpleName() + " but "
                        + table.name() + "." + column + " is " + actual.get().type());
            }
            if (javaType.isPrimitive() && !actual.get().notNull()) {
                drift.add(name + "." + component.getName() + " is primitive " + javaType + " but " + table.name()
                        + "." + column + " allows NULL");
            }
        }
        for (SchemaCatalog.Column column : table.columns()) {
            if (!componentColumns.contains(column.name())) {
                drift.add(name + " has no component for column " + table.name() + "." + column.name());
            }
        }
        if (!componentColumns.equals(table.columns().stream().map(SchemaCatalog.Column::name).toList())) {
            drift.add(name + " lists its components in another order than the columns of " + table.name());
        }
    }

    private static List<Class<?>> rowRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        return classesInPackageOf(TaskRow.class).stream().filter(c -> c.isAnnotationPresent(Table.class)).toList();
    }

    private static List<Class<?>> classesInPackageOf(Class<?> anchor)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path directory = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(anchor.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".class") && !fileName.contains("$")) {
                    classes.add(Class.forName(anchor.getPackageName() + "." + fileName.replace(".class", "")));
                }
            }
        }
        return classes;
    }
}
