package io.tasker.cli.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.cli.TaskerCli;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker board ...}: exit codes, JSON on every read, the agent from {@code TASKER_AGENT_ID}, watch with a
 * limit and --follow.
 */
@DatabaseTest
class BoardCommandsTest {

    private BoardCli cli;

    @BeforeEach
    void start(DataSource dataSource) {
        cli = new BoardCli(dataSource);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void errors_have_the_documented_exit_codes_and_one_line(DataSource dataSource) {
        String id = cli.ok("add", "Only one", "--agent", "ann");
        cli.ok("claim", id, "--agent", "bob");

        CliRun lost = cli.board("claim", id, "--agent", "ann");
        assertThat(lost.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(lost.errLines()).singleElement().asString().startsWith("tasker: board task " + id
                + " is claimed by bob");
        CliRun missing = cli.board("complete", "0badc0de", "--agent", "ann");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err().strip()).isEqualTo("tasker: board task '0badc0de' not found");
        assertThat(cli.board("note", "0badc0de", "text", "--agent", "ann").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.board("add", "Bad", "--priority", "urgent", "--agent", "ann").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.board("claim", id, "--ttl", "soon", "--agent", "ann").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.board("update", id, "--status", "blocked", "--agent", "bob").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        String critical = cli.ok("add", "Critical is accepted", "-p", "critical", "--agent", "ann");
        assertThat(cli.json("show", critical).path("priority").asString()).isEqualTo("critical");
    }

    @Test
    void update_status_completed_unblocks_dependents_like_complete() {
        String first = cli.ok("add", "First", "--agent", "ann");
        String second = cli.ok("add", "Second", "--depends-on", first, "--assignee", "bob", "--agent", "ann");
        assertThat(cli.json("show", second).path("status").asString()).isEqualTo("blocked");
        assertThat(cli.board("update", second, "--status", "completed", "--agent", "ann").exitCode())
                .isEqualTo(ExitCodes.CONFLICT);

        cli.ok("update", first, "--status", "completed", "--agent", "ann");

        assertThat(cli.json("show", second).path("status").asString()).isEqualTo("pending");
        assertThat(cli.json("watch", "--agent", "bob").path("notifications"))
                .extracting(n -> n.path("type").asString()).containsExactly("task_assigned", "task_unblocked");
        assertThat(cli.ok("update", second, "--status", "cancelled", "--agent", "bob")).contains("cancelled");
    }

    @Test
    void every_read_prints_json_with_the_json_flag() {
        String first = cli.ok("add", "First", "--file", "src/A.java:1-10", "--agent", "ann");
        String second = cli.ok("add", "Second", "--depends-on", first, "--agent", "ann");
        cli.ok("share", first, "shared text", "--agent", "ann");
        List<List<String>> reads = List.of(List.of("list"), List.of("show", first, "--history"), List.of("ready"),
                List.of("context", first), List.of("conflicts", first), List.of("export"), List.of("watch"),
                List.of("dep", "tree", second), List.of("dep", "tree", first, "--reverse"));
        for (List<String> read : reads) {
            JsonNode json = cli.json(read.toArray(String[]::new));
            assertThat(json.isObject()).as(String.join(" ", read)).isTrue();
        }
        assertThat(cli.json("ready").path("tasks")).extracting(t -> t.path("id").asString()).containsExactly(first);
        assertThat(cli.json("dep", "tree", second).path("children").get(0).path("id").asString()).isEqualTo(first);
        assertThat(cli.ok("list")).contains(first).contains(second).contains("2 tasks");
        String top = cli.json("list", "--limit", "1").path("tasks").get(0).path("id").asString();
        JsonNode next = cli.json("list", "--limit", "1", "--offset", "1").path("tasks");
        assertThat(next).hasSize(1);
        assertThat(next.get(0).path("id").asString()).isIn(first, second).isNotEqualTo(top);
    }

    @Test
    void watch_with_a_limit_marks_exactly_what_it_shows() {
        for (int i = 0; i < 12; i++) {
            cli.ok("add", "Task " + i, "--assignee", "bob", "--agent", "ann");
        }
        JsonNode first = cli.json("watch", "--limit", "10", "--agent", "bob");
        assertThat(first.path("notifications")).hasSize(10);
        assertThat(first.path("unread").asInt()).isEqualTo(2);
        assertThat(cli.json("watch", "--limit", "10", "--agent", "bob").path("notifications")).hasSize(2);
        assertThat(cli.ok("watch", "--agent", "bob")).isEqualTo("No unread notifications");
    }

    @Test
    void without_the_flag_the_agent_comes_from_tasker_agent_id() throws Exception {
        String id = cli.ok("add", "Claimed by the environment's agent", "--agent", "ann");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), TaskerCli.class.getName(),
                "board", "claim", id, "--json", "--url", cli.url()).redirectErrorStream(false);
        child.environment().put("TASKER_AGENT_ID", "zed");
        Process process = child.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        assertThat(Json.parse(out).path("claimed_by").asString()).isEqualTo("zed");
        assertThat(cli.json("show", id).path("claimed_by").asString()).isEqualTo("zed");
    }

    @Test
    void watch_follow_streams_notifications_as_they_happen() throws Exception {
        String id = cli.ok("add", "Watched", "--agent", "ann");
        cli.ok("join", id, "--agent", "bob");
        CompletableFuture<CliRun> follow = CompletableFuture.supplyAsync(() ->
                cli.board("watch", "--follow", "--count", "2", "--agent", "bob"));
        cli.ok("discover", id, "a live finding", "--agent", "ann");
        cli.ok("complete", id, "--agent", "ann");

        CliRun streamed = follow.get(90, TimeUnit.SECONDS);
        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        assertThat(streamed.out().lines().toList()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("[discovery] ann discovered on " + id);
            assertThat(lines.get(1)).startsWith("[task_completed] 'Watched' (" + id + ") was completed by ann");
        });
    }
}
