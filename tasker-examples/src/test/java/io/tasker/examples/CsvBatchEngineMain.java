package io.tasker.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import java.time.Duration;

/** Runs in a child JVM: an engine with the example templates and short leases, killed by the batch crash test. */
public final class CsvBatchEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        TaskerBuilder builder = Tasker.builder(new HikariDataSource(config))
                .migrate(false)
                .workerId("doomed-engine")
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200));
        ExampleTemplates.yamlTexts().forEach(builder::template);
        builder.start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
