package io.tasker.testing;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import java.time.Duration;
import javax.sql.DataSource;

/** Tasker builders with test-friendly timings (fast polls, short leases). */
public final class Engines {

    private Engines() {
    }

    public static TaskerBuilder fast(DataSource dataSource) {
        return Tasker.builder(dataSource)
                .migrate(false)
                .pollInterval(Duration.ofMillis(200))
                .maintenanceInterval(Duration.ofMillis(100))
                .leaseDuration(Duration.ofSeconds(5))
                .shutdownGrace(Duration.ofSeconds(5));
    }
}
