package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * How late a retry starts after it fell due: single-step tasks, one at a time, fail their first attempt with a
 * linear backoff of 100, 200, 500 and 800 ms (no jitter) on an engine with the default settings (maintenance
 * interval 1 s), and each second attempt's start is compared with the retry time the failure recorded
 * ({@code retry_at} in its transition). Run alone: {@code bin/tasker-bench retry-lateness [--tasks N]} (N tasks per
 * backoff, default 50).
 */
final class RetryLateness {

    static final int[] BACKOFFS_MS = {100, 200, 500, 800};
    static final String NAMESPACE = "bench_retry";

    /** Second attempt's start minus its due time, per step. */
    private static final String LATENESS = """
            SELECT (extract(epoch FROM s.created_at - (f.metadata ->> 'retry_at')::timestamptz AT TIME ZONE 'UTC')
                    * 1e9)::bigint
            FROM tasker.workflow_steps w
            JOIN tasker.workflow_step_transitions f ON f.workflow_step_uuid = w.workflow_step_uuid
                 AND f.to_state = 'waiting_for_retry'
            JOIN tasker.workflow_step_transitions s ON s.workflow_step_uuid = w.workflow_step_uuid
                 AND s.to_state = 'in_progress' AND s.sort_key > f.sort_key
            WHERE w.task_uuid = ANY (?::uuid[])
            """;

    private RetryLateness() {
    }

    static void main(String[] args) {
        int tasks = args.length == 2 && args[0].equals("--tasks") ? Integer.parseInt(args[1]) : 50;
        try (BenchDatabase db = BenchDatabase.start()) {
            DataSource pool = db.pool(BenchDatabase.TASKER, 8, "tasker");
            print(System.out, run(pool, tasks), tasks);
        }
        System.exit(0);
    }

    /** Lateness samples per backoff. */
    static Map<Integer, Samples> run(DataSource pool, int tasksPerBackoff) {
        var builder = Tasker.builder(pool).handler("fails_once", ctx -> {
            if (ctx.attempt() == 1) {
                throw new RetryableError("first attempt fails");
            }
            return StepResult.success(Map.of());
        });
        for (int backoff : BACKOFFS_MS) {
            builder.template(template(backoff));
        }
        Map<Integer, Samples> lateness = new java.util.TreeMap<>();
        try (Tasker engine = builder.start()) {
            for (int backoff : BACKOFFS_MS) {
                List<UUID> created = new ArrayList<>();
                for (int i = 0; i < tasksPerBackoff; i++) {
                    // One at a time: each failure finds the scheduler asleep, as for a first user's single task.
                    UUID task = engine.createTask(TaskRequest.of(NAMESPACE, "retry_" + backoff).build()).taskUuid();
                    if (engine.awaitCompletion(task, Duration.ofSeconds(60)) != TaskState.COMPLETE) {
                        throw new IllegalStateException("task " + task + " did not complete");
                    }
                    created.add(task);
                    sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1000))); // any phase of its poll
                }
                Samples samples = new Samples();
                new Jdbc(pool).query(LATENESS, row -> {
                    samples.add(row.getLong(1));
                    return null;
                }, (Object) created.toArray(UUID[]::new));
                lateness.put(backoff, samples);
            }
        }
        return lateness;
    }

    static void print(PrintStream out, Map<Integer, Samples> lateness, int tasks) {
        out.printf("Retry lateness (second attempt's start minus its due time), %d tasks per backoff, "
                + "maintenance interval 1 s:%n", tasks);
        out.printf("%-10s %8s %8s %8s %8s %8s%n", "backoff", "samples", "p50 ms", "p95 ms", "max ms", "mean ms");
        lateness.forEach((backoff, s) -> out.printf("%-10s %8d %8.1f %8.1f %8.1f %8.1f%n", backoff + " ms",
                s.size(), s.percentileMillis(50), s.percentileMillis(95), s.percentileMillis(100), s.meanMillis()));
    }

    private static String template(int backoff) {
        return """
                name: retry_%d
                namespace_name: %s
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - name: flaky
                    handler: {callable: fails_once}
                    retry: {max_attempts: 2, backoff: linear, backoff_base_ms: %d, jitter: false}
                """.formatted(backoff, NAMESPACE, backoff);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
