package io.tasker.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import java.time.Duration;
import java.util.Map;

/**
 * Runs in a child JVM for {@link EagerDispatchCrashTest}: an engine whose {@code stuck} handler announces itself and
 * never returns, so the test can kill the engine while it holds an eagerly dispatched step.
 */
public final class EagerCrashEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(4);
        Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .workerId("eager-doomed")
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .runMaintenance(false)
                .handler("quick", ctx -> StepResult.success(Map.of("quick", true)))
                .handler("stuck", ctx -> {
                    System.out.println("RUNNING " + ctx.stepName());
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                    return StepResult.success(Map.of());
                })
                .template(EagerDispatchCrashTest.TEMPLATE)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
