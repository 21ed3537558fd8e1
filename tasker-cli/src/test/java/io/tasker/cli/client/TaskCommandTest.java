package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tasker task create|get|list|cancel|steps|step|step-audit} against a real server. */
class TaskCommandTest extends WithClientServer {

    private static final String UNKNOWN_TASK = "01900000-0000-7000-8000-00000000abcd";

    @TempDir
    Path temp;

    @Test
    void create_with_wait_runs_a_linear_task_to_completion() {
        CliRun run = server.run("task", "create", "--namespace", "linear_workflow", "--name", "mathematical_sequence",
                "--context", "{\"even_number\": 2}", "--tag", "cli", "--tag", "test", "--priority", "7",
                "--initiator", "alice", "--wait", "60");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("Task: +[0-9a-f-]{36}")
                .containsPattern("Template: +linear_workflow/mathematical_sequence@1\\.0\\.0")
                .containsPattern("Status: +complete")
                .containsPattern("Steps: +4/4 done");
        String uuid = run.out().lines().findFirst().orElseThrow().replaceFirst("Task: +", "");
        JsonNode task = server.getJson("/v1/tasks/" + uuid);
        assertThat(task.path("initiator").asString()).isEqualTo("alice");
        assertThat(task.path("priority").asInt()).isEqualTo(7);
        assertThat(task.path("tags").toString()).isEqualTo("[\"cli\",\"test\"]");
        assertThat(ClientServer.stepNamed(task, "linear_step_4").path("results").path("value").asLong())
                .isEqualTo(65536L);
    }

    @Test
    void create_reads_the_context_from_a_file_and_prints_json_when_asked() throws Exception {
        Path context = temp.resolve("context.json");
        Files.writeString(context, "{\"even_number\": 4}");
        JsonNode task = server.json("task", "create", "--namespace", "linear_workflow",
                "--name", "mathematical_sequence", "--context-file", context.toString(), "--wait", "60");
        assertThat(task.path("status").asString()).isEqualTo("complete");
        assertThat(task.path("context").path("even_number").asInt()).isEqualTo(4);
    }

    @Test
    void invalid_context_json_is_a_usage_error_before_anything_is_sent() {
        CliRun run = server.run("task", "create", "--namespace", "linear_workflow", "--name", "mathematical_sequence",
                "--context", "{even_number: 2");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("tasker: --context is not valid JSON");
        CliRun notAnObject = server.run("task", "create", "--namespace", "linear_workflow",
                "--name", "mathematical_sequence", "--context", "[1, 2]");
        assertThat(notAnObject.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAnObject.err()).startsWith("tasker: --context must be a JSON object");
        assertThat(server.getJson("/v1/tasks").path("pagination").path("total_count").asInt()).isZero();
    }

    @Test
    void a_context_the_template_rejects_is_a_usage_error_with_the_servers_message() {
        CliRun run = server.run("task", "create", "--namespace", "linear_workflow", "--name", "mathematical_sequence",
                "--context", "{\"even_number\": 3}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("tasker: ");
    }

    @Test
    void get_shows_the_task_and_a_table_of_its_steps() {
        JsonNode task = server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 2}");
        String uuid = task.path("task_uuid").asString();
        CliRun run = server.run("task", "get", uuid);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("Task: +" + uuid)
                .containsPattern("Status: +complete")
                .containsPattern("Health: +all_complete, healthy")
                .containsPattern("Context: +\\{\"even_number\":2}")
                .containsPattern("STEP_UUID +NAME +STATE +ATTEMPTS +DEPENDS_ON")
                .containsPattern("linear_step_1 +complete +1/\\d+ +-")
                .containsPattern("linear_step_4 +complete +1/\\d+ +linear_step_3");
    }

    @Test
    void json_output_is_the_servers_json_pretty_printed() {
        JsonNode task = server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 2}");
        String uuid = task.path("task_uuid").asString();
        CliRun run = server.run("task", "get", uuid, "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("{\n").contains("\n  \"task_uuid\"");
        assertThat(Json.parse(run.out())).isEqualTo(server.getJson("/v1/tasks/" + uuid));
        assertThat(server.json("task", "steps", uuid)).isEqualTo(server.getJson("/v1/tasks/" + uuid
                + "/workflow_steps"));
        assertThat(server.json("task", "list")).isEqualTo(server.getJson("/v1/tasks"));
    }

    @Test
    void list_filters_and_pages() {
        server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 2}");
        server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 4}");
        server.finishedTask("diamond_workflow", "diamond_pattern", "{\"even_number\": 2}");

        CliRun all = server.run("task", "list", "--namespace", "linear_workflow");
        assertThat(all.exitCode()).as(all.err()).isEqualTo(ExitCodes.OK);
        assertThat(all.out()).containsPattern("TASK_UUID +TEMPLATE +STATUS +CREATED_AT")
                .contains("linear_workflow/mathematical_sequence@1.0.0")
                .doesNotContain("diamond_workflow")
                .endsWith("page 1 of 1, 2 tasks\n");
        CliRun paged = server.run("task", "list", "--per-page", "2", "--page", "2", "--status", "complete");
        assertThat(paged.out()).endsWith("page 2 of 2, 3 tasks\n");
        assertThat(paged.out().lines()).hasSize(3);
        assertThat(server.run("task", "list", "--initiator", "nobody").out()).isEqualTo("no tasks\n");
        assertThat(server.run("task", "list", "--created-from", "2000-01-01T00:00:00Z", "--created-to",
                "2999-01-01T00:00:00Z").out()).endsWith("page 1 of 1, 3 tasks\n");
        assertThat(server.run("task", "list", "--created-from", "2999-01-01T00:00:00Z").out()).isEqualTo("no tasks\n");
    }

    @Test
    void steps_step_and_step_audit_show_a_steps_history() {
        JsonNode task = server.finishedTask("retry_workflows", "retry_then_succeed", "{\"even_number\": 2}");
        String uuid = task.path("task_uuid").asString();
        String flaky = ClientServer.stepNamed(task, "flaky_step").path("step_uuid").asString();

        CliRun steps = server.run("task", "steps", uuid);
        assertThat(steps.exitCode()).as(steps.err()).isEqualTo(ExitCodes.OK);
        assertThat(steps.out()).containsPattern(flaky + " +flaky_step +complete +3/");

        CliRun step = server.run("task", "step", uuid, flaky);
        assertThat(step.exitCode()).as(step.err()).isEqualTo(ExitCodes.OK);
        assertThat(step.out()).containsPattern("step_uuid: +" + flaky)
                .containsPattern("current_state: +complete")
                .containsPattern("attempts: +3")
                .contains("results:\n  {\n");

        CliRun audit = server.run("task", "step-audit", uuid, flaky);
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(ExitCodes.OK);
        var lines = audit.out().lines().toList();
        assertThat(lines.get(0)).matches("RECORDED_AT +SUCCESS +TO_STATE +ATTEMPT +EXECUTION_TIME_MS +DETAIL");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).as("newest first").containsPattern(" yes +complete +3 ");
        assertThat(lines.get(3)).containsPattern(" no +.* RetryableError: ");
    }

    @Test
    void cancel_cancels_an_open_task_and_a_finished_task_is_a_conflict() throws Exception {
        Path template = temp.resolve("manual.yaml");
        Files.writeString(template, ClientServer.EXTERNAL_TEMPLATE);
        assertThat(server.run("template", "register", template.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode open = server.json("task", "create", "--namespace", "cli_tests", "--name", "manual_steps");

        CliRun cancel = server.run("task", "cancel", open.path("task_uuid").asString());
        assertThat(cancel.exitCode()).as(cancel.err()).isEqualTo(ExitCodes.OK);
        assertThat(cancel.out()).containsPattern("Status: +cancelled");
        assertThat(server.run("task", "cancel", open.path("task_uuid").asString()).exitCode())
                .as("cancelling again is accepted").isEqualTo(ExitCodes.OK);

        JsonNode done = server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 6}");
        CliRun late = server.run("task", "cancel", done.path("task_uuid").asString());
        assertThat(late.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(late.errLines()).singleElement().asString().startsWith("tasker: ")
                .contains("can no longer be cancelled");
    }

    @Test
    void an_unknown_task_exits_3_and_an_invalid_uuid_exits_2() {
        CliRun unknown = server.run("task", "get", UNKNOWN_TASK);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.errLines()).singleElement().asString().startsWith("tasker: ").contains(UNKNOWN_TASK);
        assertThat(server.run("task", "steps", UNKNOWN_TASK).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(server.run("task", "cancel", UNKNOWN_TASK).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

        CliRun invalid = server.run("task", "get", "not-a-uuid");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).startsWith("tasker: ").contains("'not-a-uuid' is not a UUID");
    }

    @Test
    void waiting_longer_than_wait_prints_the_task_and_exits_1() throws Exception {
        Path template = temp.resolve("manual.yaml");
        Files.writeString(template, ClientServer.EXTERNAL_TEMPLATE);
        assertThat(server.run("template", "register", template.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        CliRun run = server.run("task", "create", "--namespace", "cli_tests", "--name", "manual_steps", "--wait", "1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).containsPattern("Steps: +0/2 done");
        assertThat(run.errLines()).singleElement().asString()
                .matches("tasker: task [0-9a-f-]{36} is still \\w+ after 1 seconds");
    }

    @Test
    void waiting_for_a_task_that_fails_exits_7_naming_the_failed_step() {
        CliRun run = server.run("task", "create", "--namespace", "retry_workflows", "--name", "retry_exhaustion",
                "--context", "{\"even_number\": 2}", "--wait", "120");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TASK_FAILED);
        assertThat(run.out()).containsPattern("Status: +error");
        assertThat(run.errLines()).singleElement().asString()
                .matches("tasker: task [0-9a-f-]{36} ended in error: step 'doomed_step' failed: \\w+: .+");

        String uuid = run.errLines().get(0).replaceAll("^tasker: task ([0-9a-f-]{36}) .*$", "$1");
        CliRun cancel = server.run("task", "cancel", uuid);
        assertThat(cancel.exitCode()).as("a task in error has ended: repair it or close its DLQ entry")
                .isEqualTo(ExitCodes.CONFLICT);
    }

    @Test
    void waiting_for_a_task_that_is_cancelled_exits_7() throws Exception {
        Path template = temp.resolve("manual.yaml");
        Files.writeString(template, ClientServer.EXTERNAL_TEMPLATE);
        assertThat(server.run("template", "register", template.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        java.util.concurrent.CompletableFuture<CliRun> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> server.run("task", "create", "--namespace", "cli_tests", "--name", "manual_steps",
                        "--wait", "120"));
        String[] uuid = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            JsonNode tasks = server.getJson("/v1/tasks?namespace=cli_tests").path("tasks");
            uuid[0] = tasks.isEmpty() ? null : tasks.get(0).path("task_uuid").asString();
            return uuid[0] != null;
        });
        assertThat(server.run("task", "cancel", uuid[0]).exitCode()).isEqualTo(ExitCodes.OK);

        CliRun run = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TASK_FAILED);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("tasker: task " + uuid[0] + " was cancelled");
    }

    @Test
    void a_failed_steps_error_shows_in_a_column_and_a_step_is_found_by_its_name() {
        JsonNode task = server.finishedTask("retry_workflows", "retry_exhaustion", "{\"even_number\": 4}");
        String uuid = task.path("task_uuid").asString();
        String doomed = ClientServer.stepNamed(task, "doomed_step").path("step_uuid").asString();

        CliRun get = server.run("task", "get", uuid);
        assertThat(get.exitCode()).as(get.err()).isEqualTo(ExitCodes.OK);
        String header = get.out().lines().filter(l -> l.startsWith("STEP_UUID")).findFirst().orElseThrow();
        assertThat(header).matches("STEP_UUID +NAME +STATE +ATTEMPTS +DEPENDS_ON +ERROR");
        String row = get.out().lines().filter(l -> l.startsWith(doomed)).findFirst().orElseThrow();
        assertThat(row).containsPattern("doomed_step +error +\\d+/\\d+ .* RetryableError: \\S+");
        CliRun steps = server.run("task", "steps", uuid);
        assertThat(steps.out()).contains(row);

        CliRun byName = server.run("task", "step", uuid, "doomed_step");
        assertThat(byName.exitCode()).as(byName.err()).isEqualTo(ExitCodes.OK);
        assertThat(byName.out()).containsPattern("step_uuid: +" + doomed).contains("last_error:");
        CliRun auditByName = server.run("task", "step-audit", uuid, "doomed_step");
        assertThat(auditByName.exitCode()).as(auditByName.err()).isEqualTo(ExitCodes.OK);
        CliRun unknown = server.run("task", "step", uuid, "no_such_step");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.errLines()).singleElement().asString()
                .isEqualTo("tasker: task " + uuid + " has no step named 'no_such_step'");
        assertThat(server.run("task", "step", uuid, "not a name").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_duplicate_task_is_a_conflict() {
        String[] create = {"task", "create", "--namespace", "linear_workflow", "--name", "mathematical_sequence",
                "--context", "{\"even_number\": 8}", "--idempotency-key", "order-1"};
        assertThat(server.run(create).exitCode()).isEqualTo(ExitCodes.OK);
        CliRun again = server.run(create);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.errLines()).hasSize(1);
    }
}
