package io.tasker.event;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import java.time.Duration;
import java.util.List;

/** Runs in a child JVM: an engine whose steps publish events; the outbox crash test kills it with SIGKILL. */
public final class EventingEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .concurrency(8)
                .handler("charge", OutboxCrashTest.SLOW_CHARGE)
                .template(OutboxCrashTest.TEMPLATE)
                .eventSubscribers(List.of(OutboxCrashTest.SUBSCRIBER))
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
