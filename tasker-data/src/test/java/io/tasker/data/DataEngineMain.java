package io.tasker.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs in a child JVM: an engine with the data layer and 10 s leases (short, yet long enough for a loaded machine),
 * killed by the crash test.
 */
public final class DataEngineMain {

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(6);
        HikariDataSource dataSource = new HikariDataSource(config);
        TaskerBuilder builder = Tasker.builder(dataSource)
                .migrate(false)
                .workerId("doomed-engine")
                .leaseDuration(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200));
        DataPipelines data = DataPipelines.install(builder, dataSource, DataSettings.under(Path.of(args[1])),
                Clock.systemUTC());
        data.bind(builder.start());
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
