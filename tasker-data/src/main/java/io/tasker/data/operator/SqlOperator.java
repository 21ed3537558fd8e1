package io.tasker.data.operator;

import io.tasker.data.storage.DuckSandbox;
import io.tasker.handler.PermanentError;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code operator: sql}: DuckDB SQL ({@code config.query}, one SELECT) over the inputs, each a view named
 * {@code input_0}, {@code input_1}, ... over its Parquet files. The sandbox may read those files and write the
 * attempt's staging directory, nothing else.
 */
public final class SqlOperator implements Operator {

    /**
     * The result's columns, with 128-bit integers (what {@code sum} of integers gives) as DECIMAL(38,0): Parquet has
     * no such integer, and DuckDB would otherwise store them as DOUBLE and lose exactness.
     */
    private static String columns(DuckSandbox duck) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var s = duck.connection().createStatement(); var row = s.executeQuery("DESCRIBE result")) {
            while (row.next()) {
                String name = DuckSandbox.identifier(row.getString("column_name"));
                String type = row.getString("column_type");
                columns.add(type.equals("HUGEINT") || type.equals("UHUGEINT")
                        ? "CAST(" + name + " AS DECIMAL(38,0)) AS " + name : name);
            }
        }
        return String.join(", ", columns);
    }

    @Override
    public void write(OperatorInput input, int output, Path target, DuckSandbox duck) throws SQLException {
        String query = input.job().operatorConfig().path("query").asString();
        try {
            for (Map.Entry<String, List<InputPartition>> view : input.inputs().entrySet()) {
                List<Path> viewFiles = view.getValue().stream().map(InputPartition::file).toList();
                duck.execute("CREATE VIEW " + DuckSandbox.identifier(view.getKey()) + " AS SELECT * FROM read_parquet("
                        + DuckSandbox.list(viewFiles) + ", union_by_name = true)"
                        + input.filter(view.getKey()).map(f -> " WHERE " + f).orElse(""));
            }
            duck.execute("CREATE VIEW result AS " + query);
            duck.execute("COPY (SELECT " + columns(duck) + " FROM result) TO " + DuckSandbox.literal(target.toString())
                    + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new PermanentError("the query failed: " + DuckSandbox.firstLine(e).get(0)
                    .replace(input.staging().toString(), "<staging>"));
        }
    }
}
