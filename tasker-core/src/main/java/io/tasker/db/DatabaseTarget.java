package io.tasker.db;

import io.tasker.InvalidInputException;
import java.nio.file.Path;

/** Where Tasker keeps its data: an embedded PostgreSQL it starts itself, or an external server. */
public sealed interface DatabaseTarget {

    /** Default data directory of the embedded server, relative to the working directory. */
    Path DEFAULT_DATA_DIRECTORY = Path.of(".tasker", "pgdata");

    /**
     * An embedded PostgreSQL 18 whose files live in {@code dataDirectory} and survive restarts. It runs durable
     * ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on): a commit Tasker acknowledged
     * survives the database process being killed.
     *
     * @param port               TCP port on 127.0.0.1, or 0 to pick a free one at each start
     * @param unsafeNoDurability turns the three settings off: faster, but a crash of the database (or of the
     *                           machine) can lose tasks that were already acknowledged; for throw-away data only
     */
    record Embedded(Path dataDirectory, int port, boolean unsafeNoDurability) implements DatabaseTarget {
        public Embedded {
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("invalid embedded PostgreSQL port " + port + ": expected 0 to 65535");
            }
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
        }

        /** A durable embedded server. */
        public Embedded(Path dataDirectory, int port) {
            this(dataDirectory, port, false);
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
