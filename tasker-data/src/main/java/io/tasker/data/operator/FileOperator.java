package io.tasker.data.operator;

import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.InputFiles;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * {@code operator: file}: reads the partition's file under the input root ({@code config: {path, format}}, with
 * {@code {partition}} in the path) as CSV (with a header), JSON lines or Parquet. A file that is not there yet is a
 * retryable failure: it may arrive before the next attempt.
 */
public final class FileOperator implements Operator {

    public static final Set<String> FORMATS = Set.of("csv", "json", "parquet");

    private final InputFiles files;

    public FileOperator(InputFiles files) {
        this.files = files;
    }

    @Override
    public List<Path> readableDirectories() {
        return List.of(files.root());
    }

    @Override
    public void write(OperatorInput input, int output, Path target, DuckSandbox duck) throws SQLException {
        String pattern = input.job().operatorConfig().path("path").asString();
        String format = input.job().operatorConfig().path("format").asString("csv");
        Path source = files.forPartition(pattern, input.partition());
        String relative = files.root().relativize(source).toString();
        if (!pattern.contains("*") && !java.nio.file.Files.isRegularFile(source)) {
            throw new RetryableError("no input file " + relative + " (yet) for partition " + input.partition());
        }
        String reader = switch (format) {
            case "csv" -> "read_csv(" + DuckSandbox.literal(source.toString()) + ", header = true)";
            case "json" -> "read_json(" + DuckSandbox.literal(source.toString()) + ", format = 'newline_delimited')";
            case "parquet" -> "read_parquet(" + DuckSandbox.literal(source.toString()) + ")";
            default -> throw new PermanentError("unknown format " + format);
        };
        try {
            duck.execute("COPY (SELECT * FROM " + reader + ") TO " + DuckSandbox.literal(target.toString())
                    + " (FORMAT parquet)");
        } catch (SQLException e) {
            String message = DuckSandbox.firstLine(e).get(0).replace(files.root().toString(), "<input root>");
            if (message.contains("No files found")) {
                throw new RetryableError("no input file " + relative + " (yet) for partition " + input.partition());
            }
            throw new PermanentError("cannot read " + relative + " as " + format + ": " + message);
        }
    }
}
