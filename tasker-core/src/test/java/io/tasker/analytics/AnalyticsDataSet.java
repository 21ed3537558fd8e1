package io.tasker.analytics;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A known data set for the analytics tests, written with plain SQL (the audit rows by the schema's own trigger):
 * three templates, forty tasks created every 43 minutes back from 13 minutes before {@code now} (so the last six
 * fall outside a 24-hour window) ending in every way (complete, error with exhausted or permanent failures,
 * cancelled, completed by an operator, still running), one 30-hour-old task still retrying, and two dead letter
 * entries (one pending). The expected figures ({@link AnalyticsExpectations}) are computed in Java from the same
 * seeds, not from SQL.
 */
public final class AnalyticsDataSet {

    public static final TemplateKey CHECKOUT_V1 = new TemplateKey("shop", "checkout", "1.0.0");
    public static final TemplateKey CHECKOUT_V2 = new TemplateKey("shop", "checkout", "2.0.0");
    public static final TemplateKey NIGHTLY = new TemplateKey("reports", "nightly", "1.0.0");
    public static final int MAX_ATTEMPTS = 3;
    public static final int TASKS = 40;


    /** A recorded result: an attempt's outcome with its execution time, or an operator's completion (no time). */
    record Result(Instant at, boolean success, Long executionMs) {
    }

    record StepSeed(UUID uuid, String name, StepState state, int attempts, List<Result> results,
                    Instant enqueuedAt) {
    }

    record TaskSeed(UUID uuid, TemplateKey template, Instant createdAt, TaskState state, Instant completedAt,
                    List<StepSeed> steps) {
        Duration duration() {
            return Duration.between(createdAt, completedAt);
        }
    }

    /** A result with the step and task it belongs to. */
    record Recorded(TaskSeed task, StepSeed step, Result result) {
    }

    private final Instant now;
    private final List<TaskSeed> tasks = new ArrayList<>();
    private final UUID oldTask;

    private AnalyticsDataSet(Instant now) {
        this.now = now;
        for (int i = 0; i < TASKS; i++) {
            tasks.add(generated(i));
        }
        TaskSeed old = oldRetryingTask();
        tasks.add(old);
        this.oldTask = old.uuid();
    }

    /** Writes the data set into the (empty) test database. */
    public static AnalyticsDataSet seed(DataSource dataSource, Instant now) {
        AnalyticsDataSet data = new AnalyticsDataSet(now);
        new Jdbc(dataSource).runInTransaction(tx -> new AnalyticsDataWriter(tx).write(data));
        return data;
    }

    public Instant now() {
        return now;
    }

    List<TaskSeed> tasks() {
        return tasks;
    }

    UUID oldTask() {
        return oldTask;
    }

    UUID errorTaskWithResolvedDlqEntry() {
        return tasks.get(3).uuid();
    }

    // ---- the seeds ----------------------------------------------------------------------------------------------

    private TaskSeed generated(int i) {
        TemplateKey template = switch (i % 3) {
            case 0 -> NIGHTLY;
            case 1 -> CHECKOUT_V1;
            default -> CHECKOUT_V2;
        };
        List<String> names = stepNames(template);
        Instant created = now.minus(Duration.ofMinutes(13 + 43L * i));
        Duration duration = Duration.ofMillis(4_000 + (i * 7_919L) % 170_000);
        Instant finished = created.plus(duration);
        List<StepSeed> steps = new ArrayList<>();
        if (i == 10) {
            // the charge step failed three times and an operator completed it; the task went on and completed
            steps.add(complete(i, 0, names, created, duration, 1));
            steps.add(step(names.get(1), StepState.COMPLETE, 3, Stream.concat(
                    failures(i, 1, created, duration, 3).stream(),
                    Stream.of(new Result(resultTime(created, duration, 1, 5), true, null))).toList(),
                    null));
            steps.add(complete(i, 2, names, created, duration, 1));
            return new TaskSeed(Ids.next(), template, created, TaskState.COMPLETE, finished, steps);
        }
        if (i % 7 == 3) {
            // the second step ran out of attempts (or failed permanently at once); the rest never ran
            int attempts = i == 17 ? 1 : MAX_ATTEMPTS;
            steps.add(complete(i, 0, names, created, duration, 1));
            steps.add(step(names.get(1), StepState.ERROR, attempts, failures(i, 1, created, duration, attempts), null));
            names.stream().skip(2).forEach(name -> steps.add(step(name, StepState.PENDING, 0, List.of(), null)));
            return new TaskSeed(Ids.next(), template, created, TaskState.ERROR, finished, steps);
        }
        if (i == 0 || i % 11 == 5) {
            return running(i, template, names, created, duration);
        }
        if (i % 13 == 8) {
            steps.add(complete(i, 0, names, created, duration, 1));
            names.stream().skip(1).forEach(name -> steps.add(step(name, StepState.CANCELLED, 0, List.of(), null)));
            return new TaskSeed(Ids.next(), template, created, TaskState.CANCELLED, finished, steps);
        }
        for (int j = 0; j < names.size(); j++) {
            steps.add(complete(i, j, names, created, duration, j == 1 && i % 4 == 0 ? 2 : 1));
        }
        return new TaskSeed(Ids.next(), template, created, TaskState.COMPLETE, finished, steps);
    }

    private TaskSeed running(int i, TemplateKey template, List<String> names, Instant created, Duration duration) {
        List<StepSeed> steps = new ArrayList<>();
        TaskState state = TaskState.STEPS_IN_PROCESS;
        if (i == 0) {
            steps.add(step(names.get(0), StepState.ENQUEUED, 0, List.of(), created.plusMillis(5)));
        } else {
            steps.add(complete(i, 0, names, created, duration, 1));
            List<Result> failed = failures(i, 1, created, duration, 1);
            steps.add(switch (i) {
                case 5 -> step(names.get(1), StepState.IN_PROGRESS, 1, List.of(), null);
                case 16 -> step(names.get(1), StepState.WAITING_FOR_RETRY, 1, failed, null);
                default -> step(names.get(1), StepState.ENQUEUED, 1, failed, failed.get(0).at().plusMillis(250));
            });
            if (i == 16) {
                state = TaskState.WAITING_FOR_RETRY;
            }
        }
        names.stream().skip(steps.size()).forEach(name -> steps.add(step(name, StepState.PENDING, 0, List.of(), null)));
        return new TaskSeed(Ids.next(), template, created, state, null, steps);
    }

    /** Created 30 hours ago and still retrying: one failure before the 24-hour window, one two hours ago. */
    private TaskSeed oldRetryingTask() {
        Instant created = now.minus(Duration.ofHours(30));
        StepSeed extract = step("extract", StepState.WAITING_FOR_RETRY, 2, List.of(
                new Result(created.plusSeconds(1), false, 900L),
                new Result(now.minus(Duration.ofHours(2)), false, 4_321L)), null);
        StepSeed render = step("render", StepState.PENDING, 0, List.of(), null);
        return new TaskSeed(Ids.next(), NIGHTLY, created, TaskState.WAITING_FOR_RETRY, null, List.of(extract, render));
    }

    private StepSeed complete(int i, int j, List<String> names, Instant created, Duration duration, int attempts) {
        List<Result> results = new ArrayList<>(failures(i, j, created, duration, attempts - 1));
        results.add(new Result(resultTime(created, duration, j, attempts - 1), true,
                executionMs(i, j, attempts - 1)));
        return step(names.get(j), StepState.COMPLETE, attempts, results, null);
    }

    private static List<Result> failures(int i, int j, Instant created, Duration duration, int count) {
        List<Result> results = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            results.add(new Result(resultTime(created, duration, j, k), false, executionMs(i, j, k)));
        }
        return results;
    }

    private static StepSeed step(String name, StepState state, int attempts, List<Result> results,
                                 Instant enqueuedAt) {
        return new StepSeed(Ids.next(), name, state, attempts, List.copyOf(results), enqueuedAt);
    }

    /** Step j's attempt k ends inside the task's run: step j at (j + 1) quarters of it, attempts 10 ms apart. */
    private static Instant resultTime(Instant created, Duration duration, int j, int k) {
        return created.plusMillis(duration.toMillis() * (j + 1) / 4 + 10L * k);
    }

    private static long executionMs(int i, int j, int k) {
        return 40 + ((i + 1) * 131L + j * 977L + k * 353L) % 4_000;
    }

    static List<String> stepNames(TemplateKey template) {
        return template.equals(NIGHTLY) ? List.of("extract", "render") : List.of("validate", "charge", "ship");
    }

    /** The figures the analytics functions must give for this data, computed from the seeds in Java. */
    public AnalyticsExpectations expected() {
        return new AnalyticsExpectations(tasks);
    }
}
