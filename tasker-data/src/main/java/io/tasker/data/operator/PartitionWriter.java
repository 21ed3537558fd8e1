package io.tasker.data.operator;

import io.tasker.data.dag.UpdateStrategy;
import io.tasker.data.deploy.JobRow;
import io.tasker.data.deploy.JobTemplates;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns an operator's rows into the partition's data file in the attempt's directory: as they are ({@code replace}),
 * or merged with the partition's published rows ({@code append}: a new row replaces a published row with the same
 * {@code unique_key}, so a retried or repeated run adds no duplicates). Then measures the file.
 */
final class PartitionWriter {

    /** The data file's measurements. */
    record Stats(long rowCount, long bytes, String schemaHash) {
    }

    private PartitionWriter() {
    }

    static Stats finish(JobRow job, Path rows, Optional<Path> published, Path data, DuckSandbox duck)
            throws IOException, SQLException {
        if (job.updateStrategy() == UpdateStrategy.APPEND && published.isPresent()) {
            String keys = job.uniqueKey().stream().map(k -> "n." + DuckSandbox.identifier(k) + " IS NOT DISTINCT FROM o."
                    + DuckSandbox.identifier(k)).collect(Collectors.joining(" AND "));
            String fresh = "read_parquet(" + DuckSandbox.literal(rows.toString()) + ")";
            duck.execute("COPY (SELECT * FROM " + fresh + " UNION ALL BY NAME SELECT * FROM read_parquet("
                    + DuckSandbox.literal(published.get().toString()) + ") o WHERE NOT EXISTS (SELECT 1 FROM "
                    + fresh + " n WHERE " + keys + ")) TO " + DuckSandbox.literal(data.toString())
                    + " (FORMAT parquet)");
            Files.delete(rows);
        } else {
            Files.move(rows, data, StandardCopyOption.ATOMIC_MOVE);
        }
        long count = duck.queryLong("SELECT count(*) FROM read_parquet(" + DuckSandbox.literal(data.toString()) + ")");
        List<String> columns = new ArrayList<>();
        try (Statement s = duck.connection().createStatement();
             ResultSet row = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + DuckSandbox.literal(data.toString())
                     + ")")) {
            while (row.next()) {
                columns.add(row.getString("column_name") + " " + row.getString("column_type"));
            }
        }
        return new Stats(count, Files.size(data), JobTemplates.sha256(String.join("\n", columns)).substring(0, 16));
    }

    static Path dataFile(Path attemptDirectory) {
        return attemptDirectory.resolve(Storage.DATA_FILE);
    }
}
