package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tasker task reset-step|resolve-step|complete-step} against a real server. */
class StepActionCommandTest extends WithClientServer {

    @TempDir
    Path temp;

    @Test
    void a_failed_task_is_repaired_by_resolving_its_step_and_then_can_no_longer_be_changed() {
        JsonNode task = server.finishedTask("retry_workflows", "retry_exhaustion", "{\"even_number\": 2}");
        assertThat(task.path("status").asString()).isEqualTo("error");
        String uuid = task.path("task_uuid").asString();
        JsonNode doomed = ClientServer.stepNamed(task, "doomed_step");
        assertThat(doomed.path("current_state").asString()).isEqualTo("error");
        String step = doomed.path("step_uuid").asString();

        CliRun resolve = server.run("task", "resolve-step", uuid, step, "--reason", "done by hand");
        assertThat(resolve.exitCode()).as(resolve.err()).isEqualTo(ExitCodes.OK);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                server.getJson("/v1/tasks/" + uuid).path("status").asString().equals("resolved_manually"));

        CliRun reset = server.run("task", "reset-step", uuid, step, "--reason", "upstream is back");
        assertThat(reset.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(reset.errLines()).singleElement().asString().startsWith("tasker: ")
                .contains("can no longer be changed");
        CliRun audit = server.run("task", "step-audit", uuid, step);
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out()).containsPattern("resolve_manually by [0-9a-f-]{36}: done by hand");
    }

    @Test
    void a_reset_shows_in_the_step_audit_with_who_and_why() {
        JsonNode task = server.finishedTask("retry_workflows", "retry_exhaustion", "{\"even_number\": 2}");
        String uuid = task.path("task_uuid").asString();
        String step = ClientServer.stepNamed(task, "doomed_step").path("step_uuid").asString();

        CliRun reset = server.run("task", "reset-step", uuid, step, "--reason", "upstream is back");
        assertThat(reset.exitCode()).as(reset.err()).isEqualTo(ExitCodes.OK);

        CliRun audit = server.run("task", "step-audit", uuid, step);
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out()).containsPattern("reset_for_retry by [0-9a-f-]{36}: upstream is back");
    }

    @Test
    void operator_actions_check_their_arguments_before_sending() {
        String task = "01900000-0000-7000-8000-000000000001";
        String step = "01900000-0000-7000-8000-000000000002";
        CliRun badResult = server.run("task", "complete-step", task, step, "--result", "{oops", "--reason", "x");
        assertThat(badResult.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badResult.errLines()).singleElement().asString()
                .startsWith("tasker: --result is not valid JSON");
        CliRun badMetadata = server.run("task", "complete-step", task, step, "--result", "{}",
                "--metadata", "[", "--reason", "x");
        assertThat(badMetadata.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badMetadata.err()).startsWith("tasker: --metadata is not valid JSON");
        assertThat(server.run("task", "complete-step", task, step, "--reason", "x").exitCode())
                .as("--result is required").isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("task", "resolve-step", task, step).exitCode())
                .as("--reason is required").isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("task", "reset-step", task, "not a step!", "--reason", "x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("task", "reset-step", "not-a-uuid", step, "--reason", "x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("task", "reset-step", task, step, "--reason", "x").exitCode())
                .as("now it is sent, for a task that does not exist").isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void completing_and_resolving_steps_by_hand_lets_a_task_finish() throws Exception {
        Path template = temp.resolve("manual.yaml");
        Files.writeString(template, ClientServer.EXTERNAL_TEMPLATE);
        assertThat(server.run("template", "register", template.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode task = server.json("task", "create", "--namespace", "cli_tests", "--name", "manual_steps");
        String uuid = task.path("task_uuid").asString();
        String first = ClientServer.stepNamed(task, "first.step-a").path("step_uuid").asString();
        String second = ClientServer.stepNamed(task, "second.step-b").path("step_uuid").asString();

        CliRun complete = server.run("task", "complete-step", uuid, first, "--result", "{\"payment_id\": \"m-77\"}",
                "--metadata", "{\"ticket\": \"OPS-12\"}", "--reason", "charged by phone");
        assertThat(complete.exitCode()).as(complete.err()).isEqualTo(ExitCodes.OK);
        assertThat(complete.out()).isEqualTo("step first.step-a (" + first + ") is now complete\n");
        JsonNode resolved = server.json("task", "resolve-step", uuid, second, "--reason", "refunded by hand");
        assertThat(resolved.path("current_state").asString()).isEqualTo("resolved_manually");

        JsonNode firstStep = server.getJson("/v1/tasks/" + uuid + "/workflow_steps/" + first);
        assertThat(firstStep.path("results").path("payment_id").asString()).isEqualTo("m-77");
        CliRun audit = server.run("task", "step-audit", uuid, first);
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out()).containsPattern("by [0-9a-f-]{36}: charged by phone");
    }
}
