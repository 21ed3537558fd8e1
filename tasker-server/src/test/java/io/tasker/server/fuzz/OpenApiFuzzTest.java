package io.tasker.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.server.api.OpenApi;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A schema-driven fuzzer over the served OpenAPI document (what schemathesis does, in Java): requests generated from
 * every operation's parameters and body schemas, valid and deliberately broken, against a real server and
 * PostgreSQL. Every answer must be documented: no 5xx, errors in the {@code Error} format with nothing of the
 * server's insides, success bodies matching their schemas. The run is bounded (requests and time) and seeded;
 * {@code -Dtasker.fuzz.seed=N -Dtasker.fuzz.requests=N} repeat or lengthen it.
 */
@DatabaseTest
class OpenApiFuzzTest {

    private static final long SEED = Long.getLong("tasker.fuzz.seed", 20_261_128L);
    private static final int REQUESTS = Integer.getInteger("tasker.fuzz.requests", 1_500);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("tasker.fuzz.seconds", 40));
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private record Operation(String method, String path, JsonNode pathItem, JsonNode operation) {
    }

    @Test
    void generated_requests_get_documented_answers_and_never_a_server_error(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource)) {
            ApiClient api = new ApiClient(server.baseUrl());
            JsonNode document = api.get("/api-docs/openapi.json").json();
            assertThat(document).isEqualTo(OpenApi.document());
            RequestGenerator generator = new RequestGenerator(document, new Random(SEED), knownIds(api));
            DocumentedAnswers answers = new DocumentedAnswers(document);
            List<Operation> operations = new ArrayList<>();
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
                // a stream (Server-Sent Events) never ends by design; BoardStreamTest covers it
                if (METHODS.contains(method.getKey()) && !streams(method.getValue())) {
                    operations.add(new Operation(method.getKey(), path.getKey(), path.getValue(), method.getValue()));
                }
            }));

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int sent = 0;
            while (sent < REQUESTS && System.nanoTime() < deadline) {
                Operation operation = operations.get(sent % operations.size());
                RequestGenerator.Request request = generator.generate(operation.method(), operation.path(),
                        operation.pathItem(), operation.operation());
                Optional<ApiClient.Response> answered = send(api, request);
                if (answered.isEmpty()) {
                    // The server may close a connection after refusing a body it did not read; the client may
                    // have reused it already. A fresh connection must get an answer.
                    answered = send(new ApiClient(server.baseUrl()), request);
                }
                sent++;
                if (answered.isEmpty()) {
                    failures.add(request.describe() + "\n    -> no answer, twice");
                    continue;
                }
                ApiClient.Response response = answered.get();
                statuses.merge(response.status(), 1, Integer::sum);
                answers.problem(operation.method(), operation.path(), response)
                        .ifPresent(problem -> failures.add(request.describe() + "\n    -> " + problem));
            }
            System.out.printf("FUZZ seed=%d requests=%d operations=%d statuses=%s%n", SEED, sent, operations.size(),
                    statuses);
            assertThat(failures).as("%d of %d answers break the document; the first:%n%s", failures.size(), sent,
                    String.join("\n", failures.subList(0, Math.min(15, failures.size())))).isEmpty();
            assertThat(sent).as("requests sent within the budget").isGreaterThanOrEqualTo(operations.size() * 5);
        }
    }

    private static boolean streams(JsonNode operation) {
        return operation.path("responses").path("200").path("content").has("text/event-stream");
    }

    private static Optional<ApiClient.Response> send(ApiClient api, RequestGenerator.Request request) {
        try {
            return Optional.of(api.sendBytes(request.method(), request.path(), request.contentType(),
                    request.body()));
        } catch (IllegalStateException noAnswer) {
            return Optional.empty();
        }
    }

    /** Tasks, steps and a dead letter entry to aim at, so that requests reach past "not found". */
    private static Map<String, List<String>> knownIds(ApiClient api) {
        Map<String, List<String>> ids = new HashMap<>();
        List<String> tasks = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode task = api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                    "context", Map.of("even_number", 2 * (i + 1)), "idempotency_key", "fuzz-" + i)).json();
            tasks.add(task.path("task_uuid").asString());
            task.path("steps").forEach(step -> steps.add(step.path("step_uuid").asString()));
        }
        JsonNode entry = api.post("/v1/dlq", Map.of("task_uuid", tasks.get(0), "notes", "fuzz")).json();
        ids.put("task_uuid", tasks);
        ids.put("step_uuid", steps);
        ids.put("entry_uuid", List.of(entry.path("dlq_entry_uuid").asString()));
        ids.put("namespace", List.of("linear_workflow"));
        ids.put("name", List.of("mathematical_sequence"));
        ids.put("version", List.of("1.0.0"));
        return ids;
    }
}
