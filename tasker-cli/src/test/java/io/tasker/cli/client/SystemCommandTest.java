package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code tasker system health|info} against a real server. */
class SystemCommandTest extends WithClientServer {

    @Test
    void health_shows_status_checks_and_info() {
        CliRun run = server.run("system", "health");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("Status: +healthy")
                .containsPattern("CHECK +STATUS +DETAIL")
                .containsPattern("database +healthy +duration_ms \\d+")
                .containsPattern("migrations +healthy +version [0-9.]+")
                .contains("Info:")
                .containsPattern("roles: +.*api")
                .containsPattern("queue: +ready_steps \\d+, active_leases \\d+")
                .contains("Last 24 hours (tasks created and step results recorded since ")
                .containsPattern("Tasks created: +0 \\(0 per hour\\)")
                .containsPattern("Task duration: +-")
                .containsPattern("Tasks by state: +none \\(0 in all\\)")
                .containsPattern("DLQ depth: +0")
                .containsPattern("Oldest pending: +none waiting");
        JsonNode json = server.json("system", "health");
        assertThat(json.path("status").asString()).isEqualTo("healthy");
        assertThat(json.path("checks").has("database")).isTrue();
        assertThat(json.path("performance").path("period").path("tasks_created").asLong()).isZero();
        assertThat(json.path("performance").path("health").path("dlq_depth").asLong()).isZero();
    }

    @Test
    void info_shows_the_servers_facts() {
        CliRun run = server.run("system", "info");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("version: +\\S+")
                .containsPattern("schema_version: +[0-9.]+")
                .containsPattern("postgres_version: +1[78]");
        assertThat(server.json("system", "info").path("schema_version").asString()).matches("[0-9.]+");
    }
}
