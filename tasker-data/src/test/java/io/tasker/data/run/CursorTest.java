package io.tasker.data.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.DataEngine;
import io.tasker.engine.StepCommitHook;
import io.tasker.engine.TaskCreator;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An incremental job ({@code cursor: {column: updated_at}}) over a source that is re-read as a whole three times:
 * each run reads only the rows past the cursor, appends them by unique key, and the cursor advances once per
 * accepted completion; a duplicated or late completion moves it neither twice nor backwards. With lookback, the
 * previous window is read again.
 */
@DatabaseTest
class CursorTest {

    static final String DAG = """
            name: feed
            jobs:
              - name: events
                activation: source
                source: {kind: manual}
                operator: file
                config: {path: "events.csv", format: csv}
                partitions: {kind: static, keys: [all]}
              - name: latest
                activation: reactive
                operator: sql
                inputs: [{from: {job: events, output: 0}}]
                config: {query: "SELECT id, amount, updated_at FROM input_0"}
                partitions: {kind: static, keys: [all]}
                execution_strategy: PerUpdate
                update_strategy: append
                unique_key: [id]
                cursor: {column: updated_at%s}
            publish:
              latest_events: {from: {job: latest, output: 0}}
            """;

    static final String HEADER = "id,amount,updated_at\n";
    static final String FIRST = HEADER + "1,10,2026-11-01 10:00:00\n2,20,2026-11-01 11:00:00\n3,30,2026-11-01 12:00:00\n";
    static final String SECOND = HEADER + "1,10,2026-11-01 10:00:00\n2,25,2026-11-02 09:00:00\n3,30,2026-11-01 12:00:00\n"
            + "4,40,2026-11-02 10:00:00\n";
    static final String THIRD = SECOND + "5,50,2026-11-03 08:00:00\n";

    @Test
    void a_cursor_job_reads_only_new_rows_and_a_duplicate_completion_leaves_the_cursor(DataSource dataSource,
                                                                                       @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.data.deploy(DataEngine.ORG, DAG.formatted(""));
            for (String snapshot : List.of(FIRST, SECOND, THIRD)) {
                materialise(engine, snapshot);
            }
            assertThat(rowsRead(engine)).as("rows read by each run").containsExactly(3L, 2L, 1L);
            assertThat(cursor(engine)).isEqualTo("2026-11-03 08:00:00");
            var result = engine.data.query().run(DataEngine.ORG,
                    "SELECT count(*), count(DISTINCT id), sum(amount) FROM latest_events").rows().get(0);
            assertThat(List.of(result.get(0).asLong(), result.get(1).asLong(), result.get(2).asLong()))
                    .as("every id once, id 2 updated").containsExactly(5L, 5L, 155L);

            UUID last = lastRun(engine);
            JsonNode windows = engine.jdbc.queryOne("SELECT input_versions -> 'cursors' FROM tasker_data.tasks"
                    + " WHERE id = ?", row -> Json.parse(row.getString(1)), last).orElseThrow();
            ObjectNode duplicate = Json.object();
            duplicate.set(JobOutputs.OUTPUTS, Json.MAPPER.createArrayNode());
            duplicate.set(JobOutputs.CURSORS, windows);
            redeliver(engine, last, duplicate);
            assertThat(cursor(engine)).as("a duplicate completion moves nothing").isEqualTo("2026-11-03 08:00:00");

            ObjectNode late = ((ObjectNode) windows.get(0)).deepCopy();
            late.put("from", "2026-11-01 12:00:00").put("to", "2026-11-02 10:00:00");
            engine.jdbc.inTransaction(tx -> {
                CursorCommits.advance(tx, runOf(tx, last), Json.object().set(JobOutputs.CURSORS,
                        Json.MAPPER.createArrayNode().add(late)), Instant.now());
                return null;
            });
            assertThat(cursor(engine)).as("a late completion of an earlier window does not move it back")
                    .isEqualTo("2026-11-03 08:00:00");
        }
    }

    @Test
    void lookback_reads_the_previous_window_again(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.data.deploy(DataEngine.ORG, DAG.formatted(", lookback: 1"));
            for (String snapshot : List.of(FIRST, SECOND, THIRD)) {
                materialise(engine, snapshot);
            }
            assertThat(rowsRead(engine)).as("each run reads its window and the one before")
                    .containsExactly(3L, 4L, 3L);
            var result = engine.data.query().run(DataEngine.ORG,
                    "SELECT count(*), count(DISTINCT id) FROM latest_events").rows().get(0);
            assertThat(List.of(result.get(0).asLong(), result.get(1).asLong())).containsExactly(5L, 5L);
        }
    }

    private static void materialise(DataEngine engine, String snapshot) {
        engine.input("events.csv", snapshot);
        var job = engine.data.dags().currentJob(DataEngine.ORG, "feed", "events");
        engine.data.runs().start(job, new RunRequest(List.of("all"), Optional.empty(), Optional.empty(), "all", 1),
                Optional.empty());
        engine.awaitIdle();
    }

    private static List<Long> rowsRead(DataEngine engine) {
        return engine.jdbc.query("""
                SELECT (t.input_versions -> 'cursors' -> 0 ->> 'rows')::bigint FROM tasker_data.tasks t
                JOIN tasker_data.jobs j ON j.id = t.job_id
                WHERE j.name = 'latest' AND t.status = 'succeeded' ORDER BY t.completed_at
                """, row -> row.getLong(1));
    }

    private static String cursor(DataEngine engine) {
        return engine.jdbc.queryOne("SELECT cursor_value FROM tasker_data.dataset_cursors", row -> row.getString(1))
                .orElseThrow();
    }

    private static UUID lastRun(DataEngine engine) {
        return engine.jdbc.queryOne("""
                SELECT t.id FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id
                WHERE j.name = 'latest' ORDER BY t.completed_at DESC LIMIT 1
                """, row -> row.getObject(1, UUID.class)).orElseThrow();
    }

    private static RunRow runOf(Tx tx, UUID run) {
        return tx.queryOne(RunRow.SELECT + "WHERE t.id = ?", RunRow::read, run).orElseThrow();
    }

    /** The engine's commit hook given the same accepted success again. */
    private static void redeliver(DataEngine engine, UUID run, JsonNode result) {
        engine.jdbc.inTransaction(tx -> {
            new RunCommits().recorded(new StepCommitHook.Commit() {
                @Override
                public Tx tx() {
                    return tx;
                }

                @Override
                public Instant now() {
                    return Instant.now();
                }

                @Override
                public List<StepCommitHook.Outcome> outcomes() {
                    return List.of(new StepCommitHook.Outcome.Succeeded(run, UUID.randomUUID(), 1, result));
                }

                @Override
                public List<TaskCreator.Creation> createTasks(List<TaskRequest> requests) {
                    return List.of();
                }
            });
            return null;
        });
    }
}
