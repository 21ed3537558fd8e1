package io.tasker.data.operator;

import io.tasker.data.dag.DagChecks;
import io.tasker.data.dag.Problem;
import io.tasker.data.deploy.DeployPlanner;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.DuckThreads;
import io.tasker.data.storage.InputFiles;
import io.tasker.InvalidInputException;
import io.tasker.schedule.CronExpression;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** The operator and cron checks of DAG files: built-in configs, SQL parsed by DuckDB, handlers that exist. */
public final class OperatorChecks implements DagChecks {

    private final Predicate<String> handlerExists;

    /** @param handlerExists whether the engine can run a handler of that name (registered, a class, or external) */
    public OperatorChecks(Predicate<String> handlerExists) {
        this.handlerExists = handlerExists;
    }

    @Override
    public boolean operatorExists(String operator) {
        return DeployPlanner.BUILT_IN.contains(operator)
                || (!operator.startsWith("data.") && handlerExists.test(operator));
    }

    @Override
    public List<Problem> configProblems(String operator, ObjectNode config) {
        List<Problem> problems = new ArrayList<>();
        switch (operator) {
            case "file" -> {
                String path = config.path("path").asString("");
                if (path.isEmpty()) {
                    problems.add(new Problem("path", "is required (a file under the input root, with {partition})"));
                } else {
                    InputFiles.problem(path).ifPresent(p -> problems.add(new Problem("path", p)));
                }
                String format = config.path("format").asString("csv");
                if (!FileOperator.FORMATS.contains(format)) {
                    problems.add(new Problem("format", "must be csv, json (JSON lines) or parquet"));
                }
            }
            case "sql" -> {
                String query = config.path("query").asString("");
                if (query.isBlank()) {
                    problems.add(new Problem("query", "is required (one SELECT over input_0, input_1, ...)"));
                } else {
                    sqlProblem(query).ifPresent(p -> problems.add(new Problem("query", p)));
                }
            }
            case "http" -> {
                String url = config.path("url").asString("");
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    problems.add(new Problem("url", "must be an http:// or https:// URL"));
                } else {
                    try {
                        URI.create(url.replace("{partition}", "p"));
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem("url", "is not a valid URL"));
                    }
                }
                if (!List.of("json", "jsonl").contains(config.path("format").asString("json"))) {
                    problems.add(new Problem("format", "must be json (an array of objects) or jsonl"));
                }
            }
            default -> {
                // a handler's config is its own business
            }
        }
        return problems;
    }

    @Override
    public Optional<String> cronProblem(String schedule) {
        try {
            CronExpression.parse(schedule);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of("not a valid cron expression: " + e.getMessage());
        }
    }

    private static Optional<String> sqlProblem(String query) {
        try {
            return DuckThreads.call(() -> {
                try (DuckSandbox duck = DuckSandbox.open(List.of(), List.of())) {
                    return duck.notOneSelect(query);
                }
            });
        } catch (SQLException e) {
            return Optional.of("cannot be checked: " + DuckSandbox.firstLine(e).get(0));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
