package io.tasker.analytics;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A known data set for the analytics tests, written with plain SQL (the audit rows by the schema's own trigger):
 * three templates, forty tasks created every 43 minutes back from 13 minutes before {@code now} (so the last six
 * fall outside a 24-hour window) ending in every way (complete, error with exhausted or permanent failures,
 * cancelled, completed by an operator, still running), one 30-hour-old task still retrying, and two dead letter
 * entries (one pending). The expected figures are computed here in Java from the same seeds, not from SQL.
 *
 * <p>Percentiles are nearest-rank, as PostgreSQL's {@code percentile_disc}: the value at rank
 * {@code ceil(p * n)} (at least 1) of the sorted sample.
 */
public final class AnalyticsDataSet {

    public static final TemplateKey CHECKOUT_V1 = new TemplateKey("shop", "checkout", "1.0.0");
    public static final TemplateKey CHECKOUT_V2 = new TemplateKey("shop", "checkout", "2.0.0");
    public static final TemplateKey NIGHTLY = new TemplateKey("reports", "nightly", "1.0.0");
    public static final int MAX_ATTEMPTS = 3;
    public static final int TASKS = 40;

    /** Ties sort by name, as the functions do (the names here sort alike in every collation). */
    private static final Comparator<TemplateKey> BY_KEY = Comparator.comparing(TemplateKey::namespace)
            .thenComparing(TemplateKey::name).thenComparing(TemplateKey::version);

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

    // ---- expected figures ---------------------------------------------------------------------------------------

    public PeriodMetrics expectedMetrics(TimeWindow window) {
        List<TaskSeed> cohort = cohort(window);
        long completed = count(cohort, t -> t.state() == TaskState.COMPLETE);
        long failed = count(cohort, t -> t.state() == TaskState.ERROR);
        List<Long> taskMs = cohort.stream().filter(t -> t.state() == TaskState.COMPLETE)
                .map(t -> t.duration().toMillis()).sorted().toList();
        List<Recorded> recorded = recorded(window);
        List<Long> stepMs = recorded.stream().map(r -> r.result().executionMs()).filter(ms -> ms != null)
                .sorted().toList();
        BigDecimal hours = BigDecimal.valueOf(window.length().toNanos() / 1_000)
                .divide(BigDecimal.valueOf(3_600_000_000L));
        return new PeriodMetrics(window,
                count(tasks, t -> !t.state().isTerminal()),
                cohort.stream().map(t -> t.template().namespace()).distinct().count(),
                cohort.stream().map(t -> t.template().namespace() + "/" + t.template().name()).distinct().count(),
                completed + failed == 0 ? new BigDecimal("1.000")
                        : ratio(completed, completed + failed, 3),
                cohort.size(), completed, failed,
                percent(completed, cohort.size()), percent(failed, cohort.size()),
                BigDecimal.valueOf(cohort.size()).divide(hours, 2, RoundingMode.HALF_UP),
                stats(taskMs),
                recorded.size(),
                BigDecimal.valueOf(recorded.size()).divide(hours, 2, RoundingMode.HALF_UP),
                stats(stepMs));
    }

    public SystemHealth expectedHealth(Instant asOf) {
        Map<TaskState, Long> tasksByState = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            tasksByState.put(state, count(tasks, t -> t.state() == state));
        }
        List<StepSeed> steps = tasks.stream().flatMap(t -> t.steps().stream()).toList();
        Map<StepState, Long> stepsByState = new EnumMap<>(StepState.class);
        for (StepState state : StepState.values()) {
            stepsByState.put(state, count(steps, s -> s.state() == state));
        }
        Optional<Instant> oldest = steps.stream().filter(s -> s.state() == StepState.ENQUEUED)
                .map(StepSeed::enqueuedAt).min(Comparator.naturalOrder());
        return new SystemHealth(tasksByState, tasks.size(), stepsByState, steps.size(),
                count(steps, s -> s.state() == StepState.ERROR && s.attempts() >= MAX_ATTEMPTS),
                stepsByState.get(StepState.ENQUEUED), stepsByState.get(StepState.IN_PROGRESS), 1,
                oldest, oldest.map(o -> Duration.between(o, asOf)), asOf);
    }

    public List<SlowStep> expectedSlowestSteps(TimeWindow window, int limit, Predicate<TemplateKey> templates) {
        Map<String, List<Recorded>> byStep = new LinkedHashMap<>();
        recorded(window).stream().filter(r -> r.result().executionMs() != null)
                .filter(r -> templates.test(r.task().template()))
                .forEach(r -> byStep.computeIfAbsent(r.task().template() + " " + r.step().name(),
                        key -> new ArrayList<>()).add(r));
        List<SlowStep> slow = new ArrayList<>();
        for (List<Recorded> runs : byStep.values()) {
            List<Long> ms = runs.stream().map(r -> r.result().executionMs()).sorted().toList();
            long errors = runs.stream().filter(r -> !r.result().success()).count();
            slow.add(new SlowStep(runs.get(0).task().template(), runs.get(0).step().name(), ms.size(),
                    average(ms), Duration.ofMillis(nearestRank(ms, 0.95)), Duration.ofMillis(ms.getLast()), errors,
                    percent(errors, ms.size()),
                    runs.stream().map(r -> r.result().at()).max(Comparator.naturalOrder()).orElseThrow()));
        }
        return slow.stream().sorted(Comparator.comparing(SlowStep::average).thenComparing(SlowStep::max).reversed()
                .thenComparing(SlowStep::template, BY_KEY).thenComparing(SlowStep::stepName)).limit(limit).toList();
    }

    public List<SlowTemplate> expectedSlowestTemplates(TimeWindow window, int limit) {
        Map<TemplateKey, List<TaskSeed>> byTemplate = new LinkedHashMap<>();
        cohort(window).forEach(t -> byTemplate.computeIfAbsent(t.template(), key -> new ArrayList<>()).add(t));
        List<SlowTemplate> slow = new ArrayList<>();
        byTemplate.forEach((template, cohort) -> {
            List<TaskSeed> done = cohort.stream().filter(t -> t.state() == TaskState.COMPLETE).toList();
            if (done.isEmpty()) {
                return;
            }
            List<Long> ms = done.stream().map(t -> t.duration().toMillis()).sorted().toList();
            long failed = count(cohort, t -> t.state() == TaskState.ERROR);
            long steps = cohort.stream().mapToLong(t -> t.steps().size()).sum();
            slow.add(new SlowTemplate(template, cohort.size(), done.size(), failed, percent(failed, cohort.size()),
                    average(ms), Duration.ofMillis(nearestRank(ms, 0.95)), Duration.ofMillis(ms.getLast()),
                    ratio(steps, cohort.size(), 2),
                    done.stream().map(TaskSeed::completedAt).max(Comparator.naturalOrder()).orElseThrow()));
        });
        return slow.stream().sorted(Comparator.comparing(SlowTemplate::average).thenComparing(SlowTemplate::max)
                .reversed().thenComparing(SlowTemplate::template, BY_KEY)).limit(limit).toList();
    }

    public List<RetriedStep> expectedMostRetriedSteps(TimeWindow window, int limit) {
        Map<UUID, List<Recorded>> byStep = new LinkedHashMap<>();
        recorded(window).forEach(r -> byStep.computeIfAbsent(r.step().uuid(), key -> new ArrayList<>()).add(r));
        Map<String, List<List<Recorded>>> byTemplateStep = new LinkedHashMap<>();
        byStep.values().forEach(results -> byTemplateStep.computeIfAbsent(
                results.get(0).task().template() + " " + results.get(0).step().name(),
                key -> new ArrayList<>()).add(results));
        List<RetriedStep> retried = new ArrayList<>();
        for (List<List<Recorded>> steps : byTemplateStep.values()) {
            List<StepSeed> seeds = steps.stream().map(results -> results.get(0).step()).toList();
            List<Result> failures = steps.stream().flatMap(List::stream).map(Recorded::result)
                    .filter(r -> !r.success()).toList();
            long retriedSteps = count(seeds, s -> s.attempts() > 1);
            if (retriedSteps == 0 && failures.isEmpty()) {
                continue;
            }
            retried.add(new RetriedStep(steps.get(0).get(0).task().template(), seeds.get(0).name(), seeds.size(),
                    retriedSteps, failures.size(), seeds.stream().mapToLong(StepSeed::attempts).sum(),
                    seeds.stream().mapToInt(StepSeed::attempts).max().orElseThrow(),
                    count(seeds, s -> s.state() == StepState.ERROR),
                    failures.stream().map(Result::at).max(Comparator.naturalOrder())));
        }
        return retried.stream().sorted(Comparator.comparingLong(RetriedStep::failedAttempts)
                .thenComparingLong(RetriedStep::retriedSteps).thenComparingInt(RetriedStep::highestAttempt)
                .reversed().thenComparing(RetriedStep::template, BY_KEY).thenComparing(RetriedStep::stepName))
                .limit(limit).toList();
    }

    private List<TaskSeed> cohort(TimeWindow window) {
        return tasks.stream().filter(t -> inside(window, t.createdAt())).toList();
    }

    private List<Recorded> recorded(TimeWindow window) {
        List<Recorded> recorded = new ArrayList<>();
        for (TaskSeed task : tasks) {
            for (StepSeed step : task.steps()) {
                step.results().stream().filter(r -> inside(window, r.at()))
                        .forEach(r -> recorded.add(new Recorded(task, step, r)));
            }
        }
        return recorded;
    }

    private static boolean inside(TimeWindow window, Instant at) {
        return !at.isBefore(window.since()) && at.isBefore(window.until());
    }

    private static <T> long count(List<T> items, Predicate<T> which) {
        return items.stream().filter(which).count();
    }

    private static Optional<DurationStats> stats(List<Long> sortedMs) {
        if (sortedMs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DurationStats(average(sortedMs), Duration.ofMillis(nearestRank(sortedMs, 0.5)),
                Duration.ofMillis(nearestRank(sortedMs, 0.95)), Duration.ofMillis(nearestRank(sortedMs, 0.99))));
    }

    /** Nearest rank: the value at rank ceil(p * n), at least 1, of the sorted sample. */
    static long nearestRank(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** The mean of milliseconds, rounded half up to the millisecond. */
    private static Duration average(List<Long> ms) {
        long sum = ms.stream().mapToLong(Long::longValue).sum();
        return Duration.ofMillis(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(ms.size()), 0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? new BigDecimal("0.00") : ratio(part * 100, whole, 2);
    }

    private static BigDecimal ratio(long part, long whole, int scale) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), scale, RoundingMode.HALF_UP);
    }
}
