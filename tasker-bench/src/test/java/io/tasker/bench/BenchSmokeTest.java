package io.tasker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark with tiny sizes, so it cannot rot: every scenario runs end to end and lands in the JSON. No figure
 * is checked; timing goals live in the real run (docs/benchmarks.md).
 */
class BenchSmokeTest {

    @Test
    void every_scenario_runs_and_lands_in_the_json(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("bench-results.json");
        Results results = BenchMain.run(BenchOptions.smoke(json), "--smoke");
        results.writeJson(json);

        JsonNode document = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(document.path("environment").path("postgresql").asString()).startsWith("18.");
        JsonNode scenarios = document.path("scenarios");
        assertThat(scenarios.propertyNames()).containsExactly("1 throughput", "1 throughput, concurrency keys",
                "2 peers", "3 latency idle", "3 latency under load", "4 enqueue-to-start", "5 task creation", "6 scale",
                "7 memory");
        assertThat(scenarios.path("1 throughput, concurrency keys").path("beside / alone").path("value").asDouble())
                .isPositive();
        assertThat(scenarios.path("2 peers").has("db-scheduler jobs/s")).isTrue();
        assertThat(scenarios.path("2 peers").has("JobRunr jobs/s")).isTrue();
        assertThat(scenarios.path("6 scale").path("completed tasks in history").path("value").asDouble())
                .isGreaterThanOrEqualTo(1_000);
        assertThat(document.path("goals").size()).isEqualTo(7);

        // --quick skips scale and memory but writes the same keys, with null values.
        Results quick = new Results();
        ScaleAndMemory.run(quick, null, BenchOptions.quick(json), null, null, null);
        Path quickJson = directory.resolve("quick.json");
        quick.writeJson(quickJson);
        JsonNode skipped = JsonMapper.builder().build().readTree(Files.readString(quickJson)).path("scenarios");
        for (String scenario : new String[] {"6 scale", "7 memory"}) {
            assertThat(skipped.path(scenario).propertyNames())
                    .containsExactlyElementsOf(scenarios.path(scenario).propertyNames());
            skipped.path(scenario).forEach(figure -> assertThat(figure.path("value").isNull()).isTrue());
        }
    }

    @Test
    void quick_is_twenty_thousand_tasks_with_both_peers_and_no_scale_or_memory() {
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick"});
        assertThat(quick.tasks()).isEqualTo(20_000);
        assertThat(quick.latencyTasks()).isEqualTo(300);
        assertThat(quick.creations()).isEqualTo(300);
        assertThat(quick.peers()).isTrue();
        assertThat(quick.runsScaleAndMemory()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--quick", "--tasks", "1000", "--peer-sweep"}))
                .extracting(BenchOptions::tasks, BenchOptions::peerSweep, BenchOptions::size)
                .containsExactly(1_000, true, BenchOptions.Size.QUICK);
    }
}
