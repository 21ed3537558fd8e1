package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import io.tasker.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines (each with its scheduler and its own pool, as two server processes) fire a cron tick once. */
@DatabaseTest
class CronSourceTest {

    static final String DAG = """
            name: ticker
            jobs:
              - name: snapshot
                activation: source
                source: {kind: cron, schedule: "*/5 * * * *"}
                operator: file
                config: {path: "snap/{partition}.csv", format: csv}
                partitions: {kind: static, keys: [now]}
            """;

    @Test
    void two_processes_fire_a_cron_tick_once(TestPostgres postgres, @TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:02:30Z"));
        try (HikariDataSource poolA = postgres.newPool(8); HikariDataSource poolB = postgres.newPool(8);
             DataEngine a = DataEngine.start(poolA, dir, clock, b -> b);
             DataEngine b = DataEngine.start(poolB, dir, clock, x -> x)) {
            a.input("snap/now.csv", "id,value\n1,10\n");
            a.data.deploy(DataEngine.ORG, DAG);
            clock.advance(Duration.ofMinutes(3));
            a.tasker.wakeScheduler();
            b.tasker.wakeScheduler();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.runs("snapshot", "succeeded") == 1);
            for (int i = 0; i < 5; i++) {
                a.tasker.runMaintenance();
                b.tasker.runMaintenance();
            }
            assertThat(a.runs("snapshot")).as("the 10:05 tick fired once").isEqualTo(1);
            assertThat(a.jdbc.queryOne("SELECT count(*) FROM tasker.cron_ticks WHERE owner LIKE 'data:%'",
                    row -> row.getInt(1))).contains(1);

            clock.advance(Duration.ofMinutes(5));
            a.tasker.wakeScheduler();
            b.tasker.wakeScheduler();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.runs("snapshot", "succeeded") == 2);
            a.tasker.runMaintenance();
            b.tasker.runMaintenance();
            assertThat(a.runs("snapshot")).as("and the 10:10 tick once").isEqualTo(2);
        }
    }
}
