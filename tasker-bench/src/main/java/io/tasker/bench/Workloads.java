package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.handler.StepResult;
import io.tasker.task.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The benchmark's templates (no-op handlers, never deduplicated) and how engines are built for them. */
final class Workloads {

    static final String NOOP = "bench_noop";
    static final String SINGLE = "bench_single";
    static final String LINEAR = "bench_linear";
    static final String LATENCY = "bench_latency";
    static final String LOAD = "bench_load";
    static final String CREATE = "bench_create";
    static final String HTTP = "bench_http";
    static final String HELD = "bench_held";
    /** Single-step tasks whose step has a concurrency key (issue 17), {@value #KEYS} key values, limit 1 each. */
    static final String KEYED = "bench_keyed";
    static final int KEYS = 8;
    static final String TEMPLATE_NAME = "work";
    static final int CREATE_BATCH = 1_000;

    private Workloads() {
    }

    static String singleStep(String namespace) {
        return singleStep(namespace, "");
    }

    /** One no-op step; {@code stepOptions} (YAML flow entries after a comma) are added to the step. */
    private static String singleStep(String namespace, String stepOptions) {
        return """
                name: work
                namespace_name: %s
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - {name: only, handler: {callable: bench_noop}%s}
                """.formatted(namespace, stepOptions);
    }

    static String linear(String namespace) {
        return """
                name: work
                namespace_name: %s
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - {name: s1, handler: {callable: bench_noop}}
                  - {name: s2, depends_on: [s1], handler: {callable: bench_noop}}
                  - {name: s3, depends_on: [s2], handler: {callable: bench_noop}}
                  - {name: s4, depends_on: [s3], handler: {callable: bench_noop}}
                """.formatted(namespace);
    }

    static String keyed(String namespace) {
        return singleStep(namespace, ", concurrency: {key: $.context.customer, limit: 1}");
    }

    static List<String> allTemplates() {
        return List.of(singleStep(SINGLE), linear(LINEAR), linear(LATENCY), singleStep(LOAD), singleStep(CREATE),
                singleStep(HTTP), linear(HELD), keyed(KEYED));
    }

    /** An engine with every benchmark template, the no-op handler and the run's concurrency. */
    static TaskerBuilder engine(DataSource dataSource, BenchOptions options, BenchEvents events) {
        TaskerBuilder builder = Tasker.builder(dataSource)
                .handler(NOOP, context -> StepResult.success(Map.of()))
                .concurrency(options.workers())
                .eagerDispatch(options.eagerDispatch())
                .pollInterval(Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofSeconds(5))
                .events(events);
        allTemplates().forEach(builder::template);
        return builder;
    }

    /** An engine that only creates tasks (no workers, no maintenance). */
    static Tasker creator(DataSource dataSource, BenchOptions options) {
        return engine(dataSource, options, new BenchEvents()).runWorkers(false).runMaintenance(false).start();
    }

    /** Creates {@code count} tasks of {@code namespace} in transactions of {@value #CREATE_BATCH}. */
    static void createInBulk(Tasker tasker, String namespace, int count, int priority) {
        for (int done = 0; done < count; ) {
            int n = Math.min(CREATE_BATCH, count - done);
            List<TaskRequest> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                requests.add(request(namespace, done + i, priority));
            }
            tasker.creation().createTasks(requests);
            done += n;
        }
    }

    static TaskRequest request(String namespace, int i, int priority) {
        Map<String, Object> context = namespace.equals(KEYED) ? Map.of("i", i, "customer", "c" + i % KEYS)
                : Map.of("i", i);
        return TaskRequest.of(namespace, TEMPLATE_NAME).context(context).priority(priority).build();
    }
}
