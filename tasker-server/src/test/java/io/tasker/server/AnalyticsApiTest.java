package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.analytics.AnalyticsDataSet;
import io.tasker.analytics.DurationStats;
import io.tasker.analytics.PeriodMetrics;
import io.tasker.analytics.RetriedStep;
import io.tasker.analytics.SlowStep;
import io.tasker.analytics.SlowTemplate;
import io.tasker.analytics.SystemHealth;
import io.tasker.analytics.TimeWindow;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.template.TemplateKey;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/analytics} over HTTP against {@link AnalyticsDataSet}: every figure the server answers equals the one
 * the data set computes in Java from its seeds. The server runs the API only (no worker may touch the seeded steps)
 * on a clock set to the data set's now.
 */
@DatabaseTest
class AnalyticsApiTest {

    private static final Duration DAY = Duration.ofHours(24);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final MutableClock clock = new MutableClock(now);
    private DataSource dataSource;
    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        server = TaskerServer.start(apiOnly(dataSource), clock);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ServerSettings apiOnly(DataSource dataSource) {
        return Servers.settings(dataSource).withRoles(EnumSet.of(Role.API), List.of())
                .withTemplates(List.of(), Optional.empty());
    }

    @Test
    void performance_reports_the_last_days_figures_and_the_state_now() {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        clock.advance(Duration.ofMinutes(7));
        Instant later = now.plus(Duration.ofMinutes(7));

        ApiClient.Response response = api.get("/v1/analytics/performance");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("window").path("since").asString()).isEqualTo(later.minus(DAY).toString());
        assertThat(json.path("window").path("until").asString()).isEqualTo(later.toString());
        PeriodMetrics expected = data.expected().metrics(TimeWindow.ending(later, DAY));
        assertPeriod(json.path("period"), expected);
        assertThat(json.path("period").path("tasks_created").asLong()).isEqualTo(34);
        assertHealth(json.path("health"), data.expected().health(later));
    }

    @Test
    void hours_chooses_the_window() {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);

        JsonNode json = ok("/v1/analytics/performance?hours=6");

        assertThat(json.path("window").path("since").asString()).isEqualTo(now.minus(Duration.ofHours(6)).toString());
        assertPeriod(json.path("period"), data.expected().metrics(TimeWindow.ending(now, Duration.ofHours(6))));
        assertThat(json.path("period").path("tasks_created").asLong()).isEqualTo(9);
    }

    @Test
    void bottlenecks_rank_slow_steps_slow_templates_and_retried_steps() {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        TimeWindow day = TimeWindow.ending(now, DAY);

        JsonNode all = ok("/v1/analytics/bottlenecks?hours=24&limit=100");

        assertThat(all.path("window").path("since").asString()).isEqualTo(day.since().toString());
        assertThat(all.path("window").path("until").asString()).isEqualTo(day.until().toString());
        assertThat(slowSteps(all)).isEqualTo(expectedSlowSteps(data.expected().slowestSteps(day, 100, t -> true)))
                .hasSize(8);
        assertThat(slowTemplates(all)).isEqualTo(expectedSlowTemplates(data.expected().slowestTemplates(day, 100)))
                .hasSize(3);
        assertThat(retriedSteps(all)).isEqualTo(expectedRetriedSteps(data.expected().mostRetriedSteps(day, 100)))
                .isNotEmpty();

        JsonNode top2 = ok("/v1/analytics/bottlenecks?limit=2");
        assertThat(slowSteps(top2)).isEqualTo(slowSteps(all).subList(0, 2));
        assertThat(slowTemplates(top2)).isEqualTo(slowTemplates(all).subList(0, 2));
        assertThat(retriedSteps(top2)).isEqualTo(retriedSteps(all).subList(0, 2));
    }

    @Test
    void an_empty_system_reports_zeros_and_null_durations() {
        JsonNode json = ok("/v1/analytics/performance");

        JsonNode period = json.path("period");
        assertThat(period.path("tasks_created").asLong()).isZero();
        assertThat(period.path("task_duration_ms").isNull()).isTrue();
        assertThat(period.path("step_duration_ms").isNull()).isTrue();
        assertThat(decimal(period.path("system_health_score"))).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(json.path("health").path("oldest_pending_step").isNull()).isTrue();
        assertThat(json.path("health").path("calculated_at").asString()).isEqualTo(now.toString());
        JsonNode bottlenecks = ok("/v1/analytics/bottlenecks");
        for (String list : List.of("slow_steps", "slow_templates", "retried_steps")) {
            assertThat(bottlenecks.path(list).isArray()).as(list).isTrue();
            assertThat(bottlenecks.path(list).isEmpty()).as(list).isTrue();
        }
    }

    @Test
    void hours_and_limit_out_of_range_or_not_numbers_are_refused_naming_the_parameter() {
        for (String query : List.of("performance?hours=0", "performance?hours=721", "performance?hours=abc",
                "performance?hours=-3", "bottlenecks?hours=0", "bottlenecks?hours=1.5")) {
            assertRefused("/v1/analytics/" + query, "hours");
        }
        for (String query : List.of("limit=0", "limit=101", "limit=1000", "limit=ten")) {
            assertRefused("/v1/analytics/bottlenecks?" + query, "limit");
        }
        assertThat(api.get("/v1/analytics/performance?hours=abc").json().path("message").asString())
                .isEqualTo("hours: must be a whole number");
        assertThat(api.get("/v1/analytics/bottlenecks?limit=1000").json().path("message").asString())
                .isEqualTo("limit: must be between 1 and 100");
        assertThat(api.get("/v1/analytics/performance?hours=720").status()).isEqualTo(200);
    }

    @Test
    void the_endpoints_need_analytics_read() {
        AuthSettings keys = new AuthSettings(List.of(
                new AuthSettings.ApiKey("reader", "key-reader", Set.of(Permission.TASKS_READ, Permission.SYSTEM_READ)),
                new AuthSettings.ApiKey("analyst", "key-analyst", Set.of(Permission.ANALYTICS_READ))),
                Optional.empty());
        try (TaskerServer secured = TaskerServer.start(apiOnly(dataSource).withAuth(keys), clock)) {
            ApiClient anonymous = new ApiClient(secured.baseUrl());
            for (String path : List.of("/v1/analytics/performance", "/v1/analytics/bottlenecks")) {
                assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
                ApiClient.Response denied = anonymous.with("X-API-Key", "key-reader").get(path);
                assertThat(denied.status()).as(path).isEqualTo(403);
                assertThat(denied.json().path("message").asString())
                        .isEqualTo("'reader' lacks the permission analytics:read");
                assertThat(anonymous.with("X-API-Key", "key-analyst").get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    private JsonNode ok(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertRefused(String path, String field) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(response.json().path("field").asString()).as(path).isEqualTo(field);
    }

    private static void assertPeriod(JsonNode json, PeriodMetrics expected) {
        assertThat(json.path("tasks_created").asLong()).isEqualTo(expected.tasksCreated());
        assertThat(json.path("tasks_completed").asLong()).isEqualTo(expected.tasksCompleted());
        assertThat(json.path("tasks_failed").asLong()).isEqualTo(expected.tasksFailed());
        assertThat(decimal(json.path("completion_rate"))).isEqualByComparingTo(expected.completionRate());
        assertThat(decimal(json.path("error_rate"))).isEqualByComparingTo(expected.errorRate());
        assertThat(decimal(json.path("tasks_per_hour"))).isEqualByComparingTo(expected.tasksPerHour());
        assertDurations(json.path("task_duration_ms"), expected.taskDurations());
        assertThat(json.path("step_results").asLong()).isEqualTo(expected.stepResults());
        assertThat(decimal(json.path("steps_per_hour"))).isEqualByComparingTo(expected.stepResultsPerHour());
        assertDurations(json.path("step_duration_ms"), expected.stepDurations());
        assertThat(json.path("namespaces").asLong()).isEqualTo(expected.namespaces());
        assertThat(json.path("task_types").asLong()).isEqualTo(expected.taskTypes());
        assertThat(json.path("active_tasks").asLong()).isEqualTo(expected.activeTasks());
        assertThat(decimal(json.path("system_health_score"))).isEqualByComparingTo(expected.systemHealthScore());
    }

    private static void assertDurations(JsonNode json, Optional<DurationStats> expected) {
        DurationStats stats = expected.orElseThrow(() -> new AssertionError("the data set measures every duration"));
        assertThat(List.of(json.path("avg").asLong(), json.path("p50").asLong(), json.path("p95").asLong(),
                json.path("p99").asLong())).containsExactly(stats.average().toMillis(), stats.p50().toMillis(),
                stats.p95().toMillis(), stats.p99().toMillis());
    }

    private static void assertHealth(JsonNode json, SystemHealth expected) {
        expected.tasksByState().forEach((state, count) ->
                assertThat(json.path("tasks_by_state").path(state.dbValue()).asLong()).as(state.dbValue())
                        .isEqualTo(count));
        assertThat(json.path("tasks_by_state").size()).isEqualTo(expected.tasksByState().size());
        expected.stepsByState().forEach((state, count) ->
                assertThat(json.path("steps_by_state").path(state.dbValue()).asLong()).as(state.dbValue())
                        .isEqualTo(count));
        assertThat(json.path("steps_by_state").size()).isEqualTo(expected.stepsByState().size());
        assertThat(json.path("total_tasks").asLong()).isEqualTo(expected.totalTasks());
        assertThat(json.path("total_steps").asLong()).isEqualTo(expected.totalSteps());
        assertThat(json.path("ready_steps").asLong()).isEqualTo(expected.readySteps()).isEqualTo(2);
        assertThat(json.path("in_flight_steps").asLong()).isEqualTo(expected.inFlightSteps()).isEqualTo(1);
        assertThat(json.path("exhausted_retry_steps").asLong()).isEqualTo(expected.exhaustedRetrySteps());
        assertThat(json.path("dlq_depth").asLong()).isEqualTo(expected.dlqDepth()).isEqualTo(1);
        JsonNode oldest = json.path("oldest_pending_step");
        assertThat(oldest.path("enqueued_at").asString())
                .isEqualTo(expected.oldestPendingStepEnqueuedAt().orElseThrow().toString());
        assertThat(oldest.path("age_ms").asLong()).isEqualTo(expected.oldestPendingStepAge().orElseThrow().toMillis());
        assertThat(json.path("calculated_at").asString()).isEqualTo(expected.calculatedAt().toString());
    }

    // Each entry as one line of text, built from the JSON on one side and from the data set's records on the other.

    private static List<String> slowSteps(JsonNode json) {
        return lines(json.path("slow_steps"), "namespace", "name", "version", "step_name", "executions",
                "avg_duration_ms", "p95_duration_ms", "max_duration_ms", "errors", "error_rate", "last_executed_at");
    }

    private static List<String> expectedSlowSteps(List<SlowStep> steps) {
        return steps.stream().map(s -> line(template(s.template()), s.stepName(), s.executions(),
                s.average().toMillis(), s.p95().toMillis(), s.max().toMillis(), s.errors(), s.errorRate(),
                s.lastExecutedAt())).toList();
    }

    private static List<String> slowTemplates(JsonNode json) {
        return lines(json.path("slow_templates"), "namespace", "name", "version", "tasks", "completed", "failed",
                "error_rate", "avg_duration_ms", "p95_duration_ms", "max_duration_ms", "avg_step_count",
                "last_completed_at");
    }

    private static List<String> expectedSlowTemplates(List<SlowTemplate> templates) {
        return templates.stream().map(t -> line(template(t.template()), t.tasks(), t.completed(), t.failed(),
                t.errorRate(), t.average().toMillis(), t.p95().toMillis(), t.max().toMillis(), t.averageStepCount(),
                t.lastCompletedAt())).toList();
    }

    private static List<String> retriedSteps(JsonNode json) {
        return lines(json.path("retried_steps"), "namespace", "name", "version", "step_name", "steps",
                "retried_steps", "failed_attempts", "total_attempts", "highest_attempt", "error_steps",
                "last_failure_at");
    }

    private static List<String> expectedRetriedSteps(List<RetriedStep> steps) {
        return steps.stream().map(s -> line(template(s.template()), s.stepName(), s.steps(), s.retriedSteps(),
                s.failedAttempts(), s.totalAttempts(), s.highestAttempt(), s.errorSteps(),
                s.lastFailureAt().map(Instant::toString).orElse("null"))).toList();
    }

    private static List<String> lines(JsonNode array, String... fields) {
        assertThat(array.isArray()).isTrue();
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : array) {
            assertThat(entry.propertyNames()).containsExactlyInAnyOrder(fields);
            lines.add(line(Stream.of(fields).map(field -> (Object) (entry.path(field).isNumber()
                    ? decimal(entry.path(field)) : entry.path(field).asString("null"))).toArray()));
        }
        return lines;
    }

    private static String line(Object... values) {
        return String.join(" ", Stream.of(values).map(value -> value instanceof BigDecimal number
                ? number.stripTrailingZeros().toPlainString() : String.valueOf(value)).toList());
    }

    private static String template(TemplateKey key) {
        return key.namespace() + " " + key.name() + " " + key.version();
    }

    private static BigDecimal decimal(JsonNode number) {
        assertThat(number.isNumber()).as(number.toString()).isTrue();
        return new BigDecimal(number.asString());
    }
}
