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
        assertThat(scenarios.propertyNames()).containsExactly("1 throughput", "2 peers", "3 latency idle",
                "3 latency under load", "4 enqueue-to-start", "5 task creation", "6 scale", "7 memory");
        assertThat(scenarios.path("2 peers").has("db-scheduler jobs/s")).isTrue();
        assertThat(scenarios.path("2 peers").has("JobRunr jobs/s")).isTrue();
        assertThat(scenarios.path("6 scale").path("completed tasks in history").path("value").asDouble())
                .isGreaterThanOrEqualTo(1_000);
        assertThat(document.path("goals").size()).isEqualTo(7);
    }
}
