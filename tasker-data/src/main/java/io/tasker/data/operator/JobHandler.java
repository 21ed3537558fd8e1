package io.tasker.data.operator;

import io.tasker.data.DataRows;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.openlineage.RunEvents;
import io.tasker.data.run.Invalidations;
import io.tasker.data.run.JobOutputs;
import io.tasker.data.run.RunRow;
import io.tasker.data.run.RunStatus;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.DuckThreads;
import io.tasker.data.storage.Storage;
import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.store.jdbc.Jdbc;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine handler of data jobs ({@code data.file}, {@code data.sql}, {@code data.http}, {@code data.publish}):
 * runs one attempt of a run. For each partition and output it writes {@code data.parquet} into the attempt's own
 * directory ({@code <dataset>/<version>/<partition>/<run>-a<attempt>}) and returns what it wrote; nothing is
 * published here. The engine records the success only while the attempt holds its lease, and the commit hook
 * publishes in that same transaction, so a crashed or late attempt publishes nothing.
 */
public final class JobHandler implements StepHandler {

    private static final Logger log = LoggerFactory.getLogger(JobHandler.class);

    private final Jdbc jdbc;
    private final Storage storage;
    private final Operator operator;
    private final Clock clock;
    private final String workerId;
    private final RunEvents events;

    /** {@code events} writes a run's OpenLineage START event when its first attempt begins. */
    public JobHandler(Jdbc jdbc, Storage storage, Operator operator, Clock clock, RunEvents events) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.operator = operator;
        this.clock = clock;
        this.workerId = workerId();
        this.events = events;
    }

    @Override
    public StepResult handle(StepContext step) throws Exception {
        RunRow run = jdbc.queryOne(RunRow.SELECT + "WHERE t.id = ?", RunRow::read, step.taskUuid())
                .orElseThrow(() -> new PermanentError("task " + step.taskUuid() + " is not a data run"));
        if (run.status() == RunStatus.CANCELLED) {
            throw new PermanentError("run " + run.id() + " was cancelled");
        }
        markRunning(run, step);
        List<VersionRef> outputs = jdbc.withConnection(tx -> DatasetVersions.outputs(tx, run.job()));
        List<JobOutputs.Written> written = new ArrayList<>();
        List<JobOutputs.Read> read = new ArrayList<>();
        CursorWindows cursors = CursorWindows.open(jdbc, run);
        for (String partition : run.partitions()) {
            Map<String, List<InputPartition>> inputs = InputSelection.select(jdbc, storage, run, partition);
            inputs.values().forEach(parts -> parts.forEach(p -> read.add(new JobOutputs.Read(p.datasetId(),
                    p.partition(), p.materializedAt().toString()))));
            for (int i = 0; i < outputs.size(); i++) {
                written.add(writeOutput(step, run, outputs.get(i), i, partition, inputs, cursors));
            }
            step.heartbeat();
        }
        jdbc.update("UPDATE tasker_data.tasks SET last_heartbeat = ? WHERE id = ?", DataRows.tz(clock.instant()),
                run.id());
        return StepResult.success(JobOutputs.result(written, read, cursors.report()));
    }

    private JobOutputs.Written writeOutput(StepContext step, RunRow run, VersionRef output, int index,
                                           String partition, Map<String, List<InputPartition>> inputs,
                                           CursorWindows cursors) throws Exception {
        String location = Storage.attemptLocation(output.storageLocation(), partition, run.id(), step.attempt());
        int removed = storage.removeEarlierAttempts(output.storageLocation(), partition, run.id(), step.attempt());
        if (removed > 0) {
            log.info("Removed {} unpublished attempt(s) of run {} for partition {} of {}", removed, run.id(),
                    partition, output.dataset());
        }
        Path directory = storage.prepareAttempt(location);
        Path rows = directory.resolve("rows.parquet");
        Optional<Path> published = published(output, partition);
        List<Path> readable = new ArrayList<>();
        inputs.values().forEach(parts -> parts.forEach(p -> readable.add(p.file())));
        published.ifPresent(readable::add);
        List<Path> directories = new ArrayList<>(operator.readableDirectories());
        directories.add(directory);
        PartitionWriter.Stats stats = DuckThreads.call(() -> {
            try (DuckSandbox duck = DuckSandbox.open(readable, directories)) {
                operator.write(new OperatorInput(run.job(), partition, inputs, directory, step,
                                filters(run, inputs.keySet(), cursors)),
                        index, rows, duck);
                if (index == 0 && !cursors.isEmpty()) {
                    cursors.measure(duck);
                }
                return PartitionWriter.finish(run.job(), rows, published, PartitionWriter.dataFile(directory), duck);
            }
        });
        storage.markComplete(location, "run " + run.id() + " attempt " + step.attempt() + "\n");
        return new JobOutputs.Written(output.dataset(), output.datasetId(), output.versionId(), partition, location,
                stats.rowCount(), stats.bytes(), stats.schemaHash());
    }

    /**
     * The row filters of the input views: an incremental job's cursor, and the row filter of an invalidation it
     * processes when it appends (a rewrite reads everything, or it would drop the rows outside the filter).
     */
    private static Map<String, String> filters(RunRow run, java.util.Set<String> views, CursorWindows cursors) {
        Map<String, String> filters = new java.util.LinkedHashMap<>(cursors.filters());
        Optional<String> rows = run.job().updateStrategy() == io.tasker.data.dag.UpdateStrategy.APPEND
                && run.trigger() != null ? Invalidations.rowFilterSql(run.trigger().get("row_filter")) : Optional.empty();
        rows.ifPresent(sql -> views.forEach(view -> filters.merge(view, sql, (a, b) -> a + " AND " + b)));
        return filters;
    }

    /** The partition's published data file, for append. */
    private Optional<Path> published(VersionRef output, String partition) {
        return jdbc.queryOne("SELECT location FROM tasker_data.partition_versions WHERE dataset_uuid = ? AND"
                + " dataset_version = ? AND partition_key = ?", row -> row.getString(1), output.datasetId(),
                output.versionId(), partition).map(storage::dataFile).filter(java.nio.file.Files::isRegularFile);
    }

    /** Marks the run running; the first attempt to begin also writes its OpenLineage START event. */
    private void markRunning(RunRow run, StepContext step) {
        java.time.Instant now = clock.instant();
        jdbc.runInTransaction(tx -> {
            boolean first = events.enabled() && tx.queryOne("SELECT started_at IS NULL FROM tasker_data.tasks"
                    + " WHERE id = ? FOR UPDATE", row -> row.getBoolean(1), run.id()).orElse(false);
            int marked = tx.update("""
                    UPDATE tasker_data.tasks SET status = 'running', attempts = ?, worker_id = ?, next_retry_at = NULL,
                           started_at = coalesce(started_at, ?), last_heartbeat = ?
                    WHERE id = ? AND status IN ('queued', 'retrying', 'running')
                    """, step.attempt(), workerId, DataRows.tz(now), DataRows.tz(now), run.id());
            if (first && marked == 1) {
                events.started(tx, run, Optional.of(step.stepUuid()), now);
            }
        });
    }

    private static String workerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
