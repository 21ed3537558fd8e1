package io.tasker.park;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import java.time.Duration;
import java.util.Map;

/** Runs in a child JVM: an engine whose steps park; the crash test kills it with SIGKILL while they wait. */
public final class ParkingEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .workerId("doomed-parker")
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .handler("gate", ctx -> StepResult.success(Map.of()))
                .handler("hold", ParkedStepsTest.HOLD)
                .template(ParkedStepsTest.TEMPLATE)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
