package io.tasker.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The analytics functions and {@link Analytics} against {@link AnalyticsDataSet}: every figure equals the one the
 * data set computes in Java from its seeds.
 */
@DatabaseTest
class AnalyticsTest {

    private static final Duration DAY = Duration.ofHours(24);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final MutableClock clock = new MutableClock(now);

    @Test
    void performance_over_a_day_counts_the_tasks_created_in_it_and_the_results_recorded_in_it(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        Performance performance = analytics(dataSource).performance(DAY);

        PeriodMetrics expected = data.expected().metrics(TimeWindow.ending(now, DAY));
        assertThat(performance.period()).isEqualTo(expected);
        // the data set is meant to exercise every figure: check it does, so the equality above means something
        assertThat(expected.tasksCreated()).isEqualTo(34);
        assertThat(expected.tasksCompleted()).isEqualTo(24);
        assertThat(expected.tasksFailed()).isEqualTo(4);
        assertThat(expected.completionRate()).isEqualByComparingTo("70.59");
        DurationStats tasks = expected.taskDurations().orElseThrow();
        assertThat(List.of(tasks.p50(), tasks.p95(), tasks.p99())).doesNotHaveDuplicates();
        DurationStats steps = expected.stepDurations().orElseThrow();
        assertThat(List.of(steps.p50(), steps.p95(), steps.p99())).doesNotHaveDuplicates();
        assertThat(expected.stepResults()).isGreaterThan(60);
    }

    @Test
    void health_counts_every_task_and_step_by_state_the_queue_and_the_dead_letter_queue(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        clock.advance(Duration.ofMinutes(7));

        SystemHealth health = analytics(dataSource).health();

        assertThat(health).isEqualTo(data.expected().health(now.plus(Duration.ofMinutes(7))));
        assertThat(health.tasksByState()).containsEntry(TaskState.COMPLETE, 28L).containsEntry(TaskState.ERROR, 5L)
                .containsEntry(TaskState.CANCELLED, 3L).containsEntry(TaskState.WAITING_FOR_RETRY, 2L);
        assertThat(health.readySteps()).isEqualTo(health.stepsByState().get(StepState.ENQUEUED)).isEqualTo(2);
        assertThat(health.inFlightSteps()).isEqualTo(1);
        assertThat(health.exhaustedRetrySteps()).isEqualTo(4);
        assertThat(health.dlqDepth()).isEqualTo(1);
        assertThat(health.oldestPendingStepAge()).isPresent();
    }

    @Test
    void a_shorter_window_counts_only_what_happened_in_it(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        TimeWindow sixHours = TimeWindow.ending(now, Duration.ofHours(6));
        Analytics analytics = analytics(dataSource);

        PeriodMetrics metrics = analytics.metrics(sixHours);

        assertThat(metrics).isEqualTo(data.expected().metrics(sixHours));
        assertThat(metrics.tasksCreated()).isEqualTo(9);
        assertThat(analytics.slowestSteps(sixHours, 50))
                .isEqualTo(data.expected().slowestSteps(sixHours, 50, template -> true));
        TimeWindow earlier = new TimeWindow(now.minus(Duration.ofHours(20)), now.minus(Duration.ofHours(10)));
        assertThat(analytics.metrics(earlier)).isEqualTo(data.expected().metrics(earlier));
    }

    @Test
    void bottlenecks_rank_slow_steps_slow_templates_and_retried_steps(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        TimeWindow day = TimeWindow.ending(now, DAY);

        Bottlenecks all = analytics(dataSource).bottlenecks(DAY, 100);

        assertThat(all.window()).isEqualTo(day);
        assertThat(all.slowSteps()).isEqualTo(data.expected().slowestSteps(day, 100, template -> true)).hasSize(8);
        assertThat(all.slowTemplates()).isEqualTo(data.expected().slowestTemplates(day, 100)).hasSize(3);
        assertThat(all.retriedSteps()).isEqualTo(data.expected().mostRetriedSteps(day, 100)).isNotEmpty();
        // the 30-hour-old task's failure two hours ago counts; its first, before the window, does not
        RetriedStep extract = all.retriedSteps().stream().filter(r -> r.stepName().equals("extract")).findFirst()
                .orElseThrow();
        assertThat(extract.failedAttempts()).isEqualTo(1);
        assertThat(extract.lastFailureAt()).contains(now.minus(Duration.ofHours(2)));

        Bottlenecks top2 = analytics(dataSource).bottlenecks(DAY, 2);
        assertThat(top2.slowSteps()).isEqualTo(all.slowSteps().subList(0, 2));
        assertThat(top2.slowTemplates()).isEqualTo(all.slowTemplates().subList(0, 2));
        assertThat(top2.retriedSteps()).isEqualTo(all.retriedSteps().subList(0, 2));
    }

    @Test
    void the_functions_filter_by_template_and_have_the_references_defaults(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        Jdbc jdbc = new Jdbc(dataSource);
        TimeWindow day = TimeWindow.ending(now, DAY);

        List<String> reportSteps = jdbc.query("""
                SELECT step_name FROM tasker.get_slowest_steps_v01(?::timestamp, 10, 'reports', NULL, NULL, ?::timestamp)
                """, row -> row.getString(1), day.since(), day.until());
        assertThat(reportSteps).isEqualTo(data.expected().slowestSteps(day, 10,
                template -> template.equals(AnalyticsDataSet.NIGHTLY)).stream().map(SlowStep::stepName).toList());
        assertThat(jdbc.query("""
                SELECT version FROM tasker.get_slowest_tasks_v01(?::timestamp, 10, 'shop', 'checkout', '2.0.0',
                                                                 ?::timestamp)
                """, row -> row.getString(1), day.since(), day.until())).containsExactly("2.0.0");
        assertThat(jdbc.query("""
                SELECT task_name FROM tasker.get_most_retried_steps_v01(?::timestamp, 10, NULL, 'nightly', NULL,
                                                                        ?::timestamp)
                """, row -> row.getString(1), day.since(), day.until())).isNotEmpty().containsOnly("nightly");

        // without arguments: windows end at the database's now, one hour back for the metrics and a day for the lists
        assertThat(jdbc.queryOne("""
                SELECT extract(epoch FROM calculated_at - analysis_period_start)::int
                FROM tasker.get_analytics_metrics_v01()""", row -> row.getInt(1))).contains(3600);
        assertThat(jdbc.query("SELECT * FROM tasker.get_slowest_steps_v01()", row -> 1)).hasSize(8);
        assertThat(jdbc.query("SELECT * FROM tasker.get_slowest_tasks_v01()", row -> 1)).hasSize(3);
        assertThat(jdbc.query("SELECT * FROM tasker.get_most_retried_steps_v01()", row -> 1)).isNotEmpty();
        assertThat(jdbc.queryOne("SELECT dlq_pending_entries FROM tasker.get_system_health_counts_v01()",
                row -> row.getLong(1))).contains(1L);
    }

    @Test
    void an_empty_system_reports_zeros_and_no_durations(DataSource dataSource) {
        Analytics analytics = analytics(dataSource);

        Performance performance = analytics.performance(DAY);

        PeriodMetrics period = performance.period();
        assertThat(period.tasksCreated()).isZero();
        assertThat(period.activeTasks()).isZero();
        assertThat(period.systemHealthScore()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(period.completionRate()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(period.tasksPerHour()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(period.taskDurations()).isEmpty();
        assertThat(period.stepDurations()).isEmpty();
        SystemHealth health = performance.health();
        assertThat(health.totalTasks()).isZero();
        assertThat(health.tasksByState()).hasSize(TaskState.values().length).allSatisfy((state, n) ->
                assertThat(n).isZero());
        assertThat(health.stepsByState()).hasSize(StepState.values().length);
        assertThat(health.oldestPendingStepEnqueuedAt()).isEmpty();
        assertThat(health.oldestPendingStepAge()).isEqualTo(Optional.empty());
        assertThat(health.calculatedAt()).isEqualTo(now);
        Bottlenecks bottlenecks = analytics.bottlenecks(DAY, 10);
        assertThat(bottlenecks.slowSteps()).isEmpty();
        assertThat(bottlenecks.slowTemplates()).isEmpty();
        assertThat(bottlenecks.retriedSteps()).isEmpty();
    }

    @Test
    void windows_and_limits_are_checked() {
        Analytics analytics = new Analytics(null, clock);
        assertThatThrownBy(() -> analytics.performance(Duration.ZERO)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> analytics.bottlenecks(DAY, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> new TimeWindow(now, now)).isInstanceOf(InvalidInputException.class);
    }

    private Analytics analytics(DataSource dataSource) {
        return new Analytics(new Jdbc(dataSource), clock);
    }
}
