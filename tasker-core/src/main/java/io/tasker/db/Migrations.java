package io.tasker.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code tasker} schema's Flyway migrations ({@code db/migration} on the classpath), then those of every
 * {@link SchemaLayer} on the class path, each in its own schema with its own history table. V1 is the flattened
 * canonical schema; every later change is a new versioned migration.
 */
public final class Migrations {

    public static final String SCHEMA = "tasker";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String LOCATION = "classpath:db/migration";

    /** What a migration run did. */
    public record Result(int applied, String schemaVersion) {
    }

    private Migrations() {
    }

    /** Applies what is pending; refuses servers older than {@link ServerVersion#MINIMUM}. */
    public static Result migrate(DataSource dataSource, ServerVersion version) {
        version.requireSupported();
        try {
            MigrateResult result = flyway(dataSource).migrate();
            String current = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(result.initialSchemaVersion);
            int applied = result.migrationsExecuted;
            for (SchemaLayer layer : layers()) {
                applied += migrateLayer(dataSource, layer);
            }
            return new Result(applied, current);
        } catch (FlywayException e) {
            throw new DatabaseException("migrating the tasker schema failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The layers on the class path, in schema name order. */
    public static List<SchemaLayer> layers() {
        List<SchemaLayer> layers = new ArrayList<>();
        ServiceLoader.load(SchemaLayer.class, Migrations.class.getClassLoader()).forEach(layers::add);
        layers.sort(Comparator.comparing(SchemaLayer::schema));
        return layers;
    }

    private static int migrateLayer(DataSource dataSource, SchemaLayer layer) {
        try {
            return layerFlyway(dataSource, layer).migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new DatabaseException("migrating the " + layer.schema() + " schema failed: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** True when every migration shipped with this build has been applied (used by readiness checks). */
    public static boolean isCurrent(DataSource dataSource) {
        try {
            if (flyway(dataSource).info().pending().length > 0) {
                return false;
            }
            for (SchemaLayer layer : layers()) {
                if (layerFlyway(dataSource, layer).info().pending().length > 0) {
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

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    private static Flyway layerFlyway(DataSource dataSource, SchemaLayer layer) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(layer.schema())
                .defaultSchema(layer.schema())
                .table(HISTORY_TABLE)
                .locations(layer.location())
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
