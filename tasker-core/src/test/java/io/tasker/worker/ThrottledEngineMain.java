package io.tasker.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import java.time.Duration;

/** Runs in a child JVM: an engine whose handlers hold their steps until the crash test kills it with SIGKILL. */
public final class ThrottledEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200))
                .handler("hold", ctx -> {
                    Thread.sleep(Long.MAX_VALUE);
                    return null;
                })
                .template(ThrottledClaimsCrashTest.TEMPLATE)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
