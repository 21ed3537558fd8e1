package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** {@code tasker demo --exit}: the newcomer's tour runs every example shape through the API and says how it went. */
@DatabaseTest
class DemoCommandTest {

    @Test
    void the_demo_runs_every_example_and_ends_as_each_is_meant_to(Jdbc jdbc) {
        CliRun run = CliRun.of("demo", "--exit", "--port", "0", "--database-url", TestPostgres.shared().jdbcUrl());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("Started 12 tasks through POST http://127.0.0.1:")
                .contains("12/12 tasks finished")
                .contains("Every task ended as its example intends")
                .contains("/api-docs/openapi.json")
                .contains("backfilled raw_orders for 3 days")
                .containsPattern("east +1086")
                .contains("The totals are those of the sample orders.");
        assertThat(run.out().lines().filter(line -> line.matches("[0-9a-f]{8}-[0-9a-f-]{27} .*"))).hasSize(12);
        assertThat(jdbc.query("SELECT to_state FROM tasker.task_transitions WHERE most_recent", row -> row.getString(1)))
                .as("12 example tasks and 6 data runs (3 days, 2 jobs)").hasSize(18).containsOnly("complete", "error");
    }
}
