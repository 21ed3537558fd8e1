package io.tasker.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code tasker} schema's Flyway migrations ({@code db/migration} on the classpath). V1 is the flattened
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
            return new Result(result.migrationsExecuted, current);
        } catch (FlywayException e) {
            throw new DatabaseException("migrating the tasker schema failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** True when every migration shipped with this build has been applied (used by readiness checks). */
    public static boolean isCurrent(DataSource dataSource) {
        try {
            return flyway(dataSource).info().pending().length == 0;
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
