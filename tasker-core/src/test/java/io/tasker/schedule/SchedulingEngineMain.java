package io.tasker.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import java.time.Duration;
import java.util.Map;

/** Runs in a child JVM: an engine whose scheduler fires schedule ticks; the crash test kills it with SIGKILL. */
public final class SchedulingEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(4);
        Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .runWorkers(false)
                .maintenanceInterval(Duration.ofMillis(100))
                .handler("gate", ctx -> StepResult.success(Map.of()))
                .template(SchedulesTest.TEMPLATE)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
