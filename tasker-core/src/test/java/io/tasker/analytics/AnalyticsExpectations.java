package io.tasker.analytics;

import static io.tasker.analytics.AnalyticsDataSet.MAX_ATTEMPTS;

import io.tasker.analytics.AnalyticsDataSet.Recorded;
import io.tasker.analytics.AnalyticsDataSet.Result;
import io.tasker.analytics.AnalyticsDataSet.StepSeed;
import io.tasker.analytics.AnalyticsDataSet.TaskSeed;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
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

/**
 * What the analytics functions must answer for an {@link AnalyticsDataSet}, computed in Java from its seeds.
 * Percentiles are nearest-rank, as PostgreSQL's {@code percentile_disc}: the value at rank {@code ceil(p * n)} (at
 * least 1) of the sorted sample.
 */
public final class AnalyticsExpectations {

    /** Ties sort by name, as the functions do (the names here sort alike in every collation). */
    private static final Comparator<TemplateKey> BY_KEY = Comparator.comparing(TemplateKey::namespace)
            .thenComparing(TemplateKey::name).thenComparing(TemplateKey::version);

    private final List<TaskSeed> tasks;

    AnalyticsExpectations(List<TaskSeed> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    public PeriodMetrics metrics(TimeWindow window) {
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

    public SystemHealth health(Instant asOf) {
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

    public List<SlowStep> slowestSteps(TimeWindow window, int limit, Predicate<TemplateKey> templates) {
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

    public List<SlowTemplate> slowestTemplates(TimeWindow window, int limit) {
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

    public List<RetriedStep> mostRetriedSteps(TimeWindow window, int limit) {
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
