package io.tasker.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import java.time.Duration;

/** Runs in a child JVM: an engine with short leases that the crash test kills with SIGKILL. */
public final class CrashEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        HikariDataSource dataSource = new HikariDataSource(config);
        Tasker.builder(dataSource)
                .migrate(false)
                .workerId("doomed-engine")
                .concurrency(8)
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .handler("slow_square", CrashTest.SLOW_SQUARE)
                .template(CrashTest.TEMPLATE)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
