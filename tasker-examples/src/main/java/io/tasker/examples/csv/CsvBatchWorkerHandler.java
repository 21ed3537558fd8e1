package io.tasker.examples.csv;

import io.tasker.handler.BatchCursor;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.List;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch worker: totals the rows of its cursor range. Every {@code initialization.checkpoint_every} rows (default
 * 50) it saves a checkpoint (the next row and the totals so far), so that an attempt after a crash resumes there:
 * rows before the checkpoint are not counted again, rows after it are counted once by the new attempt.
 */
public final class CsvBatchWorkerHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) throws InterruptedException {
        BatchCursor cursor = context.batchCursor()
                .orElseThrow(() -> new PermanentError("step " + context.stepName() + " is not a batch worker"));
        List<SaleRow> rows = SalesData.rows(SalesData.datasetName(context.taskContext()));
        long end = Math.min(cursor.end(), rows.size());
        long next = cursor.start();
        SalesTotals totals = SalesTotals.NONE;
        if (context.checkpoint().isPresent()) {
            Checkpoint checkpoint = context.checkpoint().get();
            next = checkpoint.cursor().asLong();
            totals = SalesTotals.fromJson(checkpoint.accumulatedResults());
        }
        long resumedFrom = next;
        int every = Math.max(1, context.initialization().path("checkpoint_every").asInt(50));
        long delayMillis = context.taskContext().path("row_delay_ms").asLong(0);
        for (long row = next; row < end; row++) {
            totals = totals.add(rows.get((int) row));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            long done = row + 1 - cursor.start();
            if (done % every == 0 && row + 1 < end) {
                context.saveCheckpoint(new Checkpoint(LongNode.valueOf(row + 1), done, totals.toJson()));
            }
        }
        ObjectNode result = totals.toJson();
        result.put("batch_id", cursor.batchId());
        result.put("resumed_from", resumedFrom);
        return StepResult.success(result);
    }
}
