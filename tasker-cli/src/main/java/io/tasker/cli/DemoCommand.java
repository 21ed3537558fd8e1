package io.tasker.cli;

import io.tasker.cli.client.TaskerClient;
import io.tasker.data.DataSettings;
import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import io.tasker.examples.ExampleTemplates;
import io.tasker.json.Json;
import io.tasker.server.ServerSettings;
import io.tasker.server.TaskerServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker demo}: a tour for newcomers. Starts a server on its own embedded database with the example
 * templates, starts one task of every example shape through the REST API, shows progress, prints a summary and
 * the URLs to look at, runs the {@code sales} data pipeline, and keeps serving until Ctrl-C (or exits with
 * {@code --exit}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server with the example workflows, run one task of each shape, show the results.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Option(names = "--port", defaultValue = "8080", description = "API port (default ${DEFAULT-VALUE}; 0 = free).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".tasker/demo-pgdata",
            description = "Embedded PostgreSQL data directory (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--database-url", defaultValue = "${env:TASKER_DATABASE_URL}",
            description = "Use this PostgreSQL instead of the embedded one.")
    String databaseUrl;

    @Option(names = "--exit", description = "Stop after the summary instead of serving on.")
    boolean exit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One demo task: what it shows, what to send, how it should end. */
    private record Run(String label, Map<String, Object> request, String expected) {
    }

    /** A started task. */
    private record Started(Run run, UUID uuid) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DatabaseTarget target = databaseUrl == null || databaseUrl.isBlank()
                ? new DatabaseTarget.Embedded(dataDirectory, 0) : DatabaseTarget.external(databaseUrl);
        ServerSettings defaults = ServerSettings.defaults();
        // Short sleeps so that the retry examples finish in seconds rather than minutes.
        Path dataHome = dataDirectory.toAbsolutePath().getParent().resolve("demo-data");
        ServerSettings settings = defaults.withDatabase(DatabaseSettings.of(target))
                .withData(DataSettings.under(dataHome))
                .withListen(ServerSettings.DEFAULT_BIND, port)
                .withTemplates(ExampleTemplates.yamlTexts(), Optional.empty())
                .withTimings(Duration.ofMillis(200), defaults.engine().lease(), Duration.ofMillis(100),
                        defaults.engine().shutdownGrace());
        out.println("Starting Tasker with the example workflows...");
        out.flush();
        TaskerServer server = TaskerServer.start(settings);
        boolean asExpected;
        try (TaskerClient http = new TaskerClient(URI.create(server.baseUrl()), Optional.empty())) {
            asExpected = tour(http, server.baseUrl(), out);
            asExpected &= DataDemo.tour(http, server.baseUrl(), settings.data().inputRoot(), out);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        if (exit) {
            server.close();
        } else {
            out.println("\nThe server keeps running; press Ctrl-C to stop it.");
            out.flush();
            Shutdown.runUntilSignalled(server, server.databaseFailure());
        }
        return asExpected ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Starts the example tasks, waits for them, prints the summary and where to look; true if all ended as meant. */
    private static boolean tour(TaskerClient http, String base, PrintWriter out) throws InterruptedException {
        List<Started> started = new ArrayList<>();
        for (Run run : runs()) {
            JsonNode created = http.post("/v1/tasks", Json.toTree(run.request()));
            started.add(new Started(run, UUID.fromString(created.path("task_uuid").asString())));
        }
        out.printf("Started %d tasks through POST %s/v1/tasks%n", started.size(), base);
        boolean asExpected = summary(out, started, await(http, started, out));
        out.printf("%nLook around:%n");
        out.printf("  %s/v1/tasks                  the tasks (try ?status=error)%n", base);
        out.printf("  %s/v1/tasks/%s   one task with its steps%n", base, started.get(0).uuid());
        out.printf("  %s/v1/templates              the example templates%n", base);
        out.printf("  %s/health/detailed           health, queue depths, pool%n", base);
        out.printf("  %s/metrics                   Prometheus metrics%n", base);
        out.printf("  %s/api-docs/openapi.json     the API description%n", base);
        out.printf("  bin/tasker task visualize %s --url %s%n", started.get(0).uuid(), base);
        out.flush();
        return asExpected;
    }

    private static List<Run> runs() {
        String order = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> items = List.of(Map.of("sku", "BOOK-1", "quantity", 2, "price_cents", 1250),
                Map.of("sku", "PEN-7", "quantity", 1, "price_cents", 399));
        return List.of(
                new Run("linear", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                        "context", Map.of("even_number", 2), "idempotency_key", order + "-linear"), "complete"),
                new Run("diamond", Map.of("namespace", "diamond_workflow", "name", "diamond_pattern",
                        "context", Map.of("even_number", 2), "idempotency_key", order + "-diamond"), "complete"),
                new Run("tree", Map.of("namespace", "tree_workflow", "name", "hierarchical_tree",
                        "context", Map.of("even_number", 2), "idempotency_key", order + "-tree"), "complete"),
                new Run("mixed DAG", Map.of("namespace", "mixed_dag_workflow", "name", "complex_dag",
                        "context", Map.of("even_number", 2), "idempotency_key", order + "-mixed"), "complete"),
                new Run("order: paid", Map.of("namespace", "order_fulfillment", "name", "business_workflow",
                        "idempotency_key", order + "-a", "context", Map.of("order_id", order + "-a",
                                "payment_token", "tok_visa", "items", items)), "complete"),
                new Run("order: gateway busy, retried", Map.of("namespace", "order_fulfillment",
                        "name", "business_workflow", "idempotency_key", order + "-b", "context",
                        Map.of("order_id", order + "-b", "payment_token", "tok_busy", "items", items)), "complete"),
                new Run("order: card declined", Map.of("namespace", "order_fulfillment", "name", "business_workflow",
                        "idempotency_key", order + "-c", "context", Map.of("order_id", order + "-c",
                                "payment_token", "tok_declined", "items", items)), "error"),
                new Run("retry then succeed", Map.of("namespace", "retry_workflows", "name", "retry_then_succeed",
                        "context", Map.of("even_number", 2)), "complete"),
                new Run("retry exhaustion", Map.of("namespace", "retry_workflows", "name", "retry_exhaustion",
                        "context", Map.of("even_number", 2)), "error"),
                new Run("approval 250: automatic", approval(250), "complete"),
                new Run("approval 12,000: mgr+finance", approval(12_000), "complete"),
                new Run("CSV: 1,000 rows, 5 batches", Map.of("namespace", "csv_batch", "name", "csv_sales_totals",
                        "context", Map.of("dataset", "sales.csv")), "complete"));
    }

    private static Map<String, Object> approval(int amount) {
        return Map.of("namespace", "conditional_approval", "name", "approval_routing",
                "context", Map.of("amount", amount, "requester", "demo", "purpose", "laptops"));
    }

    private static List<JsonNode> await(TaskerClient http, List<Started> started, PrintWriter out)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String lastLine = "";
        while (true) {
            List<JsonNode> tasks = new ArrayList<>();
            int finished = 0;
            for (Started task : started) {
                JsonNode json = http.get("/v1/tasks/" + task.uuid());
                tasks.add(json);
                if (json.path("status").asString().matches("complete|error|cancelled|resolved_manually")) {
                    finished++;
                }
            }
            String line = "  " + finished + "/" + started.size() + " tasks finished";
            if (!line.equals(lastLine)) {
                out.println(line);
                out.flush();
                lastLine = line;
            }
            if (finished == started.size() || System.nanoTime() > deadline) {
                return tasks;
            }
            Thread.sleep(200);
        }
    }

    private static boolean summary(PrintWriter out, List<Started> started, List<JsonNode> finals) {
        out.printf("%n%-36s  %-28s  %-37s  %-9s  %-5s  %s%n", "TASK", "EXAMPLE", "TEMPLATE", "STATE", "STEPS",
                "DURATION");
        boolean asExpected = true;
        for (int i = 0; i < started.size(); i++) {
            JsonNode task = finals.get(i);
            Run run = started.get(i).run();
            String state = task.path("status").asString();
            boolean expected = state.equals(run.expected());
            asExpected &= expected;
            String template = task.path("namespace").asString() + "/" + task.path("name").asString();
            long millis = task.path("completed_at").isString()
                    ? Duration.between(Instant.parse(task.path("created_at").asString()),
                    Instant.parse(task.path("completed_at").asString())).toMillis() : -1;
            out.printf("%-36s  %-28s  %-37s  %-9s  %-5s  %s%s%n", started.get(i).uuid(),
                    run.label(), template, state, task.path("completed_steps").asInt() + "/"
                            + task.path("total_steps").asInt(), millis < 0 ? "-" : millis + " ms",
                    expected ? "" : "   (expected " + run.expected() + ")");
        }
        out.println(asExpected ? "\nEvery task ended as its example intends (the two errors are on purpose)."
                : "\nSome tasks did not end as expected; see above.");
        return asExpected;
    }
}
