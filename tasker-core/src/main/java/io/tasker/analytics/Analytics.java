package io.tasker.analytics;

import io.tasker.InvalidInputException;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateKey;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Performance, health and bottlenecks, read through the {@code tasker.get_*_v01} SQL functions. Windows that end
 * "now" end at the engine clock's now.
 *
 * <pre>{@code
 * Performance last24h = tasker.analytics().performance(Duration.ofHours(24));
 * Bottlenecks worst = tasker.analytics().bottlenecks(Duration.ofHours(24), 10);
 * }</pre>
 */
public final class Analytics {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);
    public static final int DEFAULT_LIMIT = 10;

    private static final String METRICS = "SELECT * FROM tasker.get_analytics_metrics_v01(?::timestamp, ?::timestamp)";
    private static final String HEALTH = "SELECT * FROM tasker.get_system_health_counts_v01(?::timestamp)";
    private static final String SLOWEST_STEPS =
            "SELECT * FROM tasker.get_slowest_steps_v01(?::timestamp, ?, NULL, NULL, NULL, ?::timestamp)";
    private static final String SLOWEST_TASKS =
            "SELECT * FROM tasker.get_slowest_tasks_v01(?::timestamp, ?, NULL, NULL, NULL, ?::timestamp)";
    private static final String MOST_RETRIED_STEPS =
            "SELECT * FROM tasker.get_most_retried_steps_v01(?::timestamp, ?, NULL, NULL, NULL, ?::timestamp)";

    private static final String QUEUE_DEPTHS = """
            SELECT count(*) FILTER (WHERE current_state = 'enqueued'),
                   count(*) FILTER (WHERE current_state = 'in_progress'),
                   count(*) FILTER (WHERE current_state = 'waiting_for_retry')
            FROM tasker.workflow_steps
            WHERE current_state IN ('enqueued', 'in_progress', 'waiting_for_retry')
            """;

    private final Jdbc jdbc;
    private final Clock clock;

    public Analytics(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The step queue now (what the server's metrics sample every few seconds). */
    public QueueDepths queueDepths() {
        return jdbc.queryOne(QUEUE_DEPTHS, row -> new QueueDepths(row.getLong(1), row.getLong(2), row.getLong(3)))
                .orElse(new QueueDepths(0, 0, 0));
    }

    /**
     * Returns when the database answers a query that reads nothing (the health check's first question).
     *
     * @throws io.tasker.store.jdbc.DataAccessException when it cannot be reached
     */
    public void ping() {
        jdbc.queryOne("SELECT 1", row -> row.getInt(1));
    }

    /** The figures of the {@code lookback} up to now, and the system's state now. */
    public Performance performance(Duration lookback) {
        return new Performance(metrics(TimeWindow.ending(clock.instant(), lookback)), health());
    }

    /** The {@code limit} slowest steps and templates and most retried steps of the {@code lookback} up to now. */
    public Bottlenecks bottlenecks(Duration lookback, int limit) {
        checked(limit);
        TimeWindow window = TimeWindow.ending(clock.instant(), lookback);
        return new Bottlenecks(window, slowestSteps(window, limit), slowestTemplates(window, limit),
                mostRetriedSteps(window, limit));
    }

    public PeriodMetrics metrics(TimeWindow window) {
        return jdbc.queryOne(METRICS, row -> new PeriodMetrics(window,
                row.getLong("active_tasks_count"), row.getLong("total_namespaces_count"),
                row.getLong("unique_task_types_count"), row.getBigDecimal("system_health_score"),
                row.getLong("task_throughput"), row.getLong("completion_count"), row.getLong("error_count"),
                row.getBigDecimal("completion_rate"), row.getBigDecimal("error_rate"),
                row.getBigDecimal("tasks_per_hour"), durations(row, "task_duration"),
                row.getLong("step_throughput"), row.getBigDecimal("steps_per_hour"), durations(row, "step_duration")),
                window.since(), window.until()).orElseThrow();
    }

    /** Counts by state, the queue and the dead letter queue, now. */
    public SystemHealth health() {
        return jdbc.queryOne(HEALTH, row -> {
            Map<TaskState, Long> tasks = new EnumMap<>(TaskState.class);
            for (TaskState state : TaskState.values()) {
                tasks.put(state, row.getLong(state.dbValue() + "_tasks"));
            }
            Map<StepState, Long> steps = new EnumMap<>(StepState.class);
            for (StepState state : StepState.values()) {
                steps.put(state, row.getLong(state.dbValue() + "_steps"));
            }
            return new SystemHealth(tasks, row.getLong("total_tasks"), steps, row.getLong("total_steps"),
                    row.getLong("exhausted_retry_steps"), row.getLong("ready_steps"), row.getLong("in_flight_steps"),
                    row.getLong("dlq_pending_entries"),
                    Optional.ofNullable(Rows.instant(row, "oldest_pending_step_enqueued_at")),
                    Optional.ofNullable(duration(row, "oldest_pending_step_age_seconds")),
                    Rows.instant(row, "calculated_at"));
        }, clock.instant()).orElseThrow();
    }

    /** Template steps by their handlers' average execution time, longest first. */
    public List<SlowStep> slowestSteps(TimeWindow window, int limit) {
        return jdbc.query(SLOWEST_STEPS, row -> new SlowStep(template(row), row.getString("step_name"),
                row.getLong("execution_count"), duration(row, "average_duration_seconds"),
                duration(row, "p95_duration_seconds"), duration(row, "max_duration_seconds"),
                row.getLong("error_count"), row.getBigDecimal("error_rate"), Rows.instant(row, "last_executed_at")),
                window.since(), checked(limit), window.until());
    }

    /** Templates by the average time their tasks took to complete, longest first. */
    public List<SlowTemplate> slowestTemplates(TimeWindow window, int limit) {
        return jdbc.query(SLOWEST_TASKS, row -> new SlowTemplate(template(row), row.getLong("task_count"),
                row.getLong("completed_count"), row.getLong("error_count"), row.getBigDecimal("error_rate"),
                duration(row, "average_duration_seconds"), duration(row, "p95_duration_seconds"),
                duration(row, "max_duration_seconds"), row.getBigDecimal("average_step_count"),
                Rows.instant(row, "last_completed_at")),
                window.since(), checked(limit), window.until());
    }

    /** Template steps by failed attempts, then by steps that needed more than one attempt. */
    public List<RetriedStep> mostRetriedSteps(TimeWindow window, int limit) {
        return jdbc.query(MOST_RETRIED_STEPS, row -> new RetriedStep(template(row), row.getString("step_name"),
                row.getLong("step_count"), row.getLong("retried_steps"), row.getLong("failed_attempts"),
                row.getLong("total_attempts"), row.getInt("highest_attempt"), row.getLong("error_steps"),
                Optional.ofNullable(Rows.instant(row, "last_failure_at"))),
                window.since(), checked(limit), window.until());
    }

    private static int checked(int limit) {
        if (limit < 1) {
            throw new InvalidInputException("limit must be at least 1, not " + limit);
        }
        return limit;
    }

    private static TemplateKey template(ResultSet row) throws SQLException {
        return new TemplateKey(row.getString("namespace_name"), row.getString("task_name"), row.getString("version"));
    }

    /** The average and percentiles of {@code avg_<name>}, {@code p50_<name>}, ...; empty when nothing was measured. */
    private static Optional<DurationStats> durations(ResultSet row, String name) throws SQLException {
        Duration average = duration(row, "avg_" + name);
        if (average == null) {
            return Optional.empty();
        }
        return Optional.of(new DurationStats(average, duration(row, "p50_" + name), duration(row, "p95_" + name),
                duration(row, "p99_" + name)));
    }

    /** A column of seconds rounded to the millisecond; SQL NULL gives null. */
    private static Duration duration(ResultSet row, String column) throws SQLException {
        BigDecimal seconds = row.getBigDecimal(column);
        return seconds == null ? null : Duration.ofMillis(seconds.movePointRight(3).longValueExact());
    }
}
