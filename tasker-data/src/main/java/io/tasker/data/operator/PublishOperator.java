package io.tasker.data.operator;

import io.tasker.data.deploy.JobTemplates;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.handler.PermanentError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code publish} step of a job run by any engine handler (Java, or {@code external} workers in any language):
 * the handler's step ({@code run}) returns {@code {"rows": [{...}, ...]}} for a one-output job, or
 * {@code {"outputs": [{"rows": [...]}, ...]}}; this writes them as the output partitions.
 */
public final class PublishOperator implements Operator {

    @Override
    public void write(OperatorInput input, int output, Path target, DuckSandbox duck)
            throws IOException, SQLException {
        JsonNode result = input.step().dependencyResult(JobTemplates.RUN_STEP)
                .orElseThrow(() -> new PermanentError("the run step left no result"));
        JsonNode rows = result.has("outputs") ? result.path("outputs").path(output).path("rows")
                : output == 0 ? result.path("rows") : null;
        if (rows == null || !rows.isArray()) {
            throw new PermanentError("the handler's result must hold \"rows\" (a list of objects) for output "
                    + output + " (or \"outputs\": [{\"rows\": [...]}, ...])");
        }
        Path lines = input.staging().resolve("_rows_" + output + ".json");
        try (BufferedWriter writer = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
            for (JsonNode row : rows) {
                if (!row.isObject()) {
                    throw new PermanentError("every row must be a JSON object");
                }
                writer.write(row.toString());
                writer.newLine();
            }
        }
        String reader = rows.isEmpty() ? "(SELECT NULL::VARCHAR AS no_rows WHERE false)"
                : "read_json(" + DuckSandbox.literal(lines.toString()) + ", format = 'newline_delimited')";
        try {
            duck.execute("COPY (SELECT * FROM " + reader + ") TO " + DuckSandbox.literal(target.toString())
                    + " (FORMAT parquet)");
        } finally {
            Files.deleteIfExists(lines);
        }
    }
}
