package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tasker dlq ...} against a real server. */
class DlqCommandTest extends WithClientServer {

    @TempDir
    Path temp;

    @Test
    void a_task_that_used_up_its_retries_is_listed_shown_counted_and_resolved() {
        JsonNode task = server.finishedTask("retry_workflows", "retry_exhaustion", "{\"even_number\": 2}");
        String uuid = task.path("task_uuid").asString();

        CliRun list = server.run("dlq", "list", "--status", "pending");
        assertThat(list.exitCode()).as(list.err()).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).contains(uuid).contains("max_retries_exceeded")
                .contains("retry_workflows/retry_exhaustion@").endsWith("1 entry (page 1 of 1)\n");

        CliRun shown = server.run("dlq", "get", "--task", uuid);
        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).contains("Reason").contains("max_retries_exceeded").contains("doomed_step")
                .contains("Task state then");
        String entry = server.json("dlq", "get", "--task", uuid).path("dlq_entry_uuid").asString();

        CliRun stats = server.run("dlq", "stats");
        assertThat(stats.out()).contains("Pending").contains("max_retries_exceeded");
        assertThat(server.json("dlq", "queue").get(0).path("dlq_entry_uuid").asString()).isEqualTo(entry);

        CliRun update = server.run("dlq", "update", entry, "--status", "permanently_failed", "--notes",
                "the input can never work", "--metadata", "{\"ticket\": \"OPS-9\"}", "--by", "ops-ben");
        assertThat(update.exitCode()).as(update.err()).isEqualTo(ExitCodes.OK);
        assertThat(update.out()).isEqualTo("entry " + entry + " is now permanently_failed (by ops-ben)\n");
        JsonNode closed = server.getJson("/v1/dlq/entry/" + entry);
        assertThat(closed.path("resolution_notes").asString()).isEqualTo("the input can never work");
        assertThat(closed.path("metadata").path("ticket").asString()).isEqualTo("OPS-9");

        CliRun again = server.run("dlq", "update", entry, "--status", "cancelled");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.err()).contains("only pending entries change");
    }

    @Test
    void tasks_are_sent_by_hand_and_staleness_is_reported_and_detected_as_a_dry_run() throws Exception {
        Path template = temp.resolve("manual.yaml");
        Files.writeString(template, ClientServer.EXTERNAL_TEMPLATE);
        assertThat(server.run("template", "register", template.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        String uuid = server.json("task", "create", "--namespace", "cli_tests", "--name", "manual_steps")
                .path("task_uuid").asString();

        CliRun sent = server.run("dlq", "send", uuid, "--notes", "customer asked");
        assertThat(sent.exitCode()).as(sent.err()).isEqualTo(ExitCodes.OK);
        assertThat(sent.out()).contains("manual_dlq").contains("pending");
        assertThat(server.run("dlq", "send", uuid).exitCode()).as("one pending entry per task")
                .isEqualTo(ExitCodes.CONFLICT);

        CliRun staleness = server.run("dlq", "staleness");
        assertThat(staleness.exitCode()).as(staleness.err()).isEqualTo(ExitCodes.OK);
        assertThat(staleness.out()).contains(uuid).contains("healthy");
        CliRun detect = server.run("dlq", "detect");
        assertThat(detect.exitCode()).as(detect.err()).isEqualTo(ExitCodes.OK);
        assertThat(detect.out()).isEqualTo("0 stale tasks (dry run: nothing changed)\n");
    }

    @Test
    void bad_arguments_are_usage_errors_and_unknown_entries_not_found() {
        assertThat(server.run("dlq", "list", "--status", "lost").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("dlq", "get", "not-a-uuid").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("dlq", "update", "01900000-0000-7000-8000-000000000001").exitCode())
                .as("--status is required").isEqualTo(ExitCodes.USAGE);
        assertThat(server.run("dlq", "get", "01900000-0000-7000-8000-000000000001").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(server.run("dlq", "staleness", "--health", "poor").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
