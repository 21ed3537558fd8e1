package io.tasker.examples.csv;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;

/**
 * The batchable step: counts the dataset's rows and asks for batch workers over them; the engine splits the rows by
 * the step's {@code batch_config.batch_size}.
 */
public final class AnalyzeCsvHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        String dataset = SalesData.datasetName(context.taskContext());
        int rows = SalesData.rows(dataset).size();
        return rows == 0 ? StepResult.noBatches()
                : StepResult.batchesOf(rows, Map.of("dataset", dataset, "total_rows", rows));
    }
}
