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

    /** For an engine in a child JVM ({@link ChildJvm}): a builder on its own small pool, no migration. */
    public static TaskerBuilder inChildJvm(String jdbcUrl, int poolSize) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        return Tasker.builder(new com.zaxxer.hikari.HikariDataSource(config)).migrate(false);
    }

    /** Tells the parent test the child's engine started ({@code READY}) and runs until it is killed. */
    public static void readyUntilKilled() throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
