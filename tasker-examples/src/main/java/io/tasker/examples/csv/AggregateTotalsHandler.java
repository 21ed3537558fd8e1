package io.tasker.examples.csv;

import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The convergence step: adds up the totals of every batch worker ({@code <worker_template>_*} results) and checks
 * that together they covered every row the analysis counted.
 */
public final class AggregateTotalsHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        String prefix = context.initialization().path("worker_template").asString("process_csv_batch") + "_";
        long expectedRows = context.dependencyResult("analyze_csv").map(r -> r.path("total_rows").asLong())
                .orElse(0L);
        SalesTotals totals = SalesTotals.NONE;
        int workers = 0;
        for (Map.Entry<String, JsonNode> result : context.dependencyResults().entrySet()) {
            if (result.getKey().startsWith(prefix)) {
                totals = totals.add(SalesTotals.fromJson(result.getValue()));
                workers++;
            }
        }
        if (totals.rows() != expectedRows) {
            throw new PermanentError("batch workers totalled " + totals.rows() + " rows, the dataset has "
                    + expectedRows);
        }
        ObjectNode result = totals.toJson();
        result.put("workers", workers);
        return StepResult.success(result);
    }
}
