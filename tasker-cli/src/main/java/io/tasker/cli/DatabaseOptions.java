package io.tasker.cli;

import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is: {@code --database-url} for an external PostgreSQL, otherwise the embedded one. */
public final class DatabaseOptions {

    @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:TASKER_DATABASE_URL}",
            description = "External PostgreSQL 17+ (postgresql://user:password@host:port/db or a JDBC URL). "
                    + "Default: \\$TASKER_DATABASE_URL, else the embedded PostgreSQL.")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:TASKER_DATA_DIR:-.tasker/pgdata}",
            description = "Data directory of the embedded PostgreSQL (default: \\$TASKER_DATA_DIR or ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--embedded-port", paramLabel = "PORT", defaultValue = "${env:TASKER_EMBEDDED_PG_PORT:-0}",
            description = "TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "${env:TASKER_DATABASE_POOL_SIZE:-10}",
            description = "Database connections in the pool (default: ${DEFAULT-VALUE}).")
    int poolSize;

    boolean isExternal() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }

    public DatabaseSettings settings() {
        return settingsWithEmbeddedDirectory(dataDirectory);
    }

    /** The same settings, but an embedded server (if any) keeps its files in {@code directory}. */
    DatabaseSettings settingsWithEmbeddedDirectory(Path directory) {
        DatabaseTarget target = isExternal()
                ? DatabaseTarget.external(databaseUrl)
                : new DatabaseTarget.Embedded(directory, embeddedPort);
        return new DatabaseSettings(target, poolSize);
    }
}
