package io.tasker.db;

import io.tasker.store.jdbc.Jdbc;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code tasker} schema's Flyway migrations ({@code db/migration} on the classpath). Versioned migrations
 * ({@code V1__initial_schema.sql}, then one per change) hold tables, types and indexes; functions, views and
 * triggers live in repeatable ones ({@code R__claim_steps.sql}, ...), which Flyway runs after the versioned ones
 * and again whenever they change. After the core, every {@link SchemaLayer} on the class path is migrated too, each
 * in its own schema with its own history table.
 *
 * <p>V1 once held the functions and views too. Databases made then have that file's checksum in their history; it
 * is the one edit of an applied migration we accept: {@link #adoptSlimV1} records the current V1's checksum in
 * place of exactly that one, and the repeatable migrations then replace the functions V1 made.
 */
public final class Migrations {

    public static final String SCHEMA = "tasker";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String LOCATION = "classpath:db/migration";

    /** Flyway's checksum of V1__initial_schema.sql as released with the functions and views in it. */
    static final int RELEASED_V1_CHECKSUM = 95151613;
    /** Flyway's checksum of the current V1__initial_schema.sql (frozen again; MigrationsTest checks it). */
    static final int V1_CHECKSUM = 768377440;

    private static final String ADOPT_SLIM_V1 = """
            UPDATE tasker.flyway_schema_history SET checksum = ? WHERE version = '1' AND checksum = ?
            """;

    /** What a migration run did. */
    public record Result(int applied, String schemaVersion) {
    }

    private Migrations() {
    }

    /** Applies what is pending; refuses servers older than {@link ServerVersion#MINIMUM}. */
    public static Result migrate(DataSource dataSource, ServerVersion version) {
        version.requireSupported();
        adoptSlimV1(dataSource);
        MigrateResult core = migrate(flyway(dataSource), SCHEMA);
        int applied = core.migrationsExecuted;
        for (SchemaLayer layer : layers()) {
            applied += migrate(flyway(dataSource, layer.schema(), layer.location()), layer.schema()).migrationsExecuted;
        }
        String current = core.targetSchemaVersion != null ? core.targetSchemaVersion
                : String.valueOf(core.initialSchemaVersion);
        return new Result(applied, current);
    }

    /** The layers on the class path, in schema name order (each is migrated after the core). */
    public static List<SchemaLayer> layers() {
        return ServiceLoader.load(SchemaLayer.class, Migrations.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(SchemaLayer::schema))
                .toList();
    }

    /** The applied version of each layer's schema ("none" before its first migration), in schema name order. */
    public static Map<String, String> layerVersions(DataSource dataSource) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (SchemaLayer layer : layers()) {
            MigrationInfo current = flyway(dataSource, layer.schema(), layer.location()).info().current();
            versions.put(layer.schema(), current == null ? "none" : current.getVersion().getVersion());
        }
        return versions;
    }

    private static MigrateResult migrate(Flyway flyway, String schema) {
        try {
            return flyway.migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("migrating the " + schema + " schema failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** True when every migration shipped with this build has been applied (used by readiness checks). */
    public static boolean isCurrent(DataSource dataSource) {
        try {
            if (flyway(dataSource).info().pending().length > 0) {
                return false;
            }
            for (SchemaLayer layer : layers()) {
                if (flyway(dataSource, layer.schema(), layer.location()).info().pending().length > 0) {
                    return false;
                }
            }
            return true;
        } catch (FlywayException e) {
            return false;
        }
    }

    /** The applied schema version, or "none". */
    public static String currentVersion(DataSource dataSource) {
        MigrationInfo current = flyway(dataSource).info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * In a database whose V1 is the released one (functions and views included), records the current V1's checksum
     * instead, so that Flyway's validation accepts it; any other checksum is left for Flyway to refuse. Nothing
     * else changes here: the repeatable migrations that run next replace the functions and views V1 made.
     */
    static void adoptSlimV1(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        boolean hasHistory = jdbc.queryOne("SELECT to_regclass(?) IS NOT NULL", row -> row.getBoolean(1),
                SCHEMA + "." + HISTORY_TABLE).orElse(false);
        if (hasHistory) {
            jdbc.update(ADOPT_SLIM_V1, V1_CHECKSUM, RELEASED_V1_CHECKSUM);
        }
    }

    private static Flyway flyway(DataSource dataSource) {
        return flyway(dataSource, SCHEMA, LOCATION);
    }

    private static Flyway flyway(DataSource dataSource, String schema, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .table(HISTORY_TABLE)
                .locations(location)
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
