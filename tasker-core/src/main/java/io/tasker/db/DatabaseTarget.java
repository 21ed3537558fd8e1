package io.tasker.db;

import io.tasker.InvalidInputException;
import java.nio.file.Path;

/** Where Tasker keeps its data: an embedded PostgreSQL it starts itself, or an external server. */
public sealed interface DatabaseTarget {

    /** Default data directory of the embedded server, relative to the working directory. */
    Path DEFAULT_DATA_DIRECTORY = Path.of(".tasker", "pgdata");

    /**
     * An embedded PostgreSQL 18 whose files live in {@code dataDirectory} and survive restarts.
     *
     * @param port TCP port on 127.0.0.1, or 0 to pick a free one at each start
     */
    record Embedded(Path dataDirectory, int port) implements DatabaseTarget {
        public Embedded {
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("invalid embedded PostgreSQL port " + port + ": expected 0 to 65535");
            }
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
        }
    }

    /** Any PostgreSQL 17 or newer. */
    record External(ConnectionUrl url) implements DatabaseTarget {
    }

    static DatabaseTarget embedded(Path dataDirectory) {
        return new Embedded(dataDirectory, 0);
    }

    static DatabaseTarget external(String url) {
        return new External(ConnectionUrl.parse(url));
    }
}
