package io.tasker.cli.client;

import io.tasker.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker query "SQL"}: read-only SQL over the published datasets of a running server. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run read-only SQL (DuckDB) over the published datasets; each is a view named after it.")
public final class QueryCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SQL", description = "One SELECT statement.")
    String sql;

    @Override
    int execute(TaskerClient api) {
        JsonNode answer = api.post("/v1/query", Json.object().put("sql", sql));
        return print(answer, out -> {
            String[] names = new String[answer.path("columns").size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = answer.path("columns").get(i).path("name").asString();
            }
            Table table = new Table(names);
            answer.path("rows").forEach(row -> {
                Object[] cells = new Object[names.length];
                for (int i = 0; i < names.length; i++) {
                    cells[i] = JsonText.cell(row.get(i));
                }
                table.row(cells);
            });
            table.print(out);
            out.printf("%d row%s%s%n", answer.path("row_count").asInt(), answer.path("row_count").asInt() == 1 ? ""
                    : "s", answer.path("truncated").asBoolean() ? " (truncated at the server's row limit)" : "");
        });
    }
}
