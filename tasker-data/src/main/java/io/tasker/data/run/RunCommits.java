package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.data.openlineage.OpenLineageSettings;
import io.tasker.data.openlineage.RunEvents;
import io.tasker.engine.StepCommitHook;
import io.tasker.json.Json;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The data layer's part of recording a step outcome, in the engine's transaction. For a run's accepted success it
 * publishes the partitions the attempt wrote ({@code partition_versions} points at the attempt's directory), records
 * what it read, advances an incremental job's cursors, marks the run succeeded, and starts the reactive runs that
 * follow and the backfill runs waiting for a slot; all of it commits with the step's success or not at all. A failure is mirrored onto the run (retrying
 * with its retry time, or failed). A finished run's OpenLineage RunEvent (COMPLETE or FAIL) goes to the outbox in
 * the same transaction. Outcomes of other tasks are not runs and are left alone.
 */
public final class RunCommits implements StepCommitHook {

    private final RunEvents events;

    /** A hook that writes no OpenLineage events. */
    public RunCommits() {
        this(new RunEvents(OpenLineageSettings.OFF));
    }

    /** {@code events} writes each finished run's OpenLineage RunEvent in the same transaction. */
    public RunCommits(RunEvents events) {
        this.events = events;
    }

    @Override
    public void recorded(Commit commit) {
        Map<UUID, Outcome> byRun = new LinkedHashMap<>();
        commit.outcomes().forEach(o -> byRun.put(o.taskUuid(), o));
        Tx tx = commit.tx();
        List<RunRow> runs = tx.query(RunRow.SELECT + "WHERE t.id = ANY (?::uuid[]) ORDER BY t.id FOR UPDATE OF t",
                RunRow::read, SqlArray.uuids(byRun.keySet()));
        if (runs.isEmpty()) {
            return;
        }
        TaskFactory tasks = (t, requests) -> commit.createTasks(requests);
        List<Triggers.Committed> committed = new ArrayList<>();
        List<UUID> finished = new ArrayList<>();
        Instant now = commit.now();
        for (RunRow run : runs) {
            if (run.status() == RunStatus.CANCELLED || run.status() == RunStatus.SUCCEEDED) {
                continue;
            }
            switch (byRun.get(run.id())) {
                case Outcome.Succeeded s when s.result().has(JobOutputs.OUTPUTS) -> {
                    committed.addAll(InvalidationCommits.cascade(tx, run, Publication.publish(tx, run, s.result(), now),
                            now));
                    CursorCommits.advance(tx, run, s.result(), now);
                    tx.update("""
                            UPDATE tasker_data.tasks SET status = 'succeeded', completed_at = ?, attempts = ?,
                                   outputs = ?, error_message = NULL, next_retry_at = NULL
                            WHERE id = ?
                            """, DataRows.tz(now), s.attempt(), s.result().get(JobOutputs.OUTPUTS), run.id());
                    events.completed(tx, run, s.stepUuid(), s.result(), now);
                    finished.add(run.id());
                }
                case Outcome.Succeeded intermediate -> {
                    // the run step of a handler operator: its rows are published by the publish step
                }
                case Outcome.Failed f -> {
                    boolean retry = f.retryAt().isPresent();
                    tx.update("""
                            UPDATE tasker_data.tasks SET status = ?, attempts = ?, next_retry_at = ?,
                                   error_message = ?, completed_at = ?
                            WHERE id = ?
                            """, retry ? "retrying" : "failed", f.attempt(),
                            DataRows.tz(f.retryAt().orElse(null)), message(f.error()),
                            retry ? null : DataRows.tz(now), run.id());
                    if (!retry) {
                        events.failed(tx, run, f.stepUuid(), message(f.error()), now);
                        finished.add(run.id());
                    }
                }
            }
        }
        RunStarter.promote(tx, tasks, finished);
        RunStarter.promoteSuccessors(tx, tasks, finished);
        RunStarter.start(tx, tasks, Triggers.forCommits(tx, committed), now);
    }

    private static String message(JsonNode error) {
        JsonNode details = error.path("error");
        String type = details.path("type").asString("Error");
        String text = details.path("message").asString("");
        String message = type + ": " + text;
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

}
