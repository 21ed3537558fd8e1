package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.analytics.AnalyticsDataSet;
import io.tasker.analytics.PeriodMetrics;
import io.tasker.analytics.TimeWindow;
import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker system health} shows the analytics of tasker-core's {@link AnalyticsDataSet}, seeded under an
 * API-only server whose clock is the data set's now: the figures printed are the ones the data set computes.
 */
@DatabaseTest
class SystemHealthAnalyticsTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final MutableClock clock = new MutableClock(now);

    @Test
    void health_shows_the_last_days_throughput_rates_and_the_state_now(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        PeriodMetrics day = data.expected().metrics(TimeWindow.ending(now, Duration.ofHours(24)));
        try (ClientServer server = ClientServer.startApiOnly(dataSource, AuthSettings.NONE, clock)) {
            CliRun run = server.run("system", "health");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out())
                    .contains("Last 24 hours (tasks created and step results recorded since "
                            + now.minus(Duration.ofHours(24)) + "):")
                    .containsPattern(field("Tasks created", day.tasksCreated() + " (" + plain(day.tasksPerHour())
                            + " per hour)"))
                    .containsPattern(field("Completed", day.tasksCompleted() + " (" + plain(day.completionRate())
                            + "%)"))
                    .containsPattern(field("Failed", day.tasksFailed() + " (" + plain(day.errorRate()) + "%)"))
                    .containsPattern(field("Task duration", "avg " + PerformancePrinter.human(
                            day.taskDurations().orElseThrow().average().toMillis()) + ", p50 "))
                    .containsPattern(field("Step results", day.stepResults() + " ("
                            + plain(day.stepResultsPerHour()) + " per hour)"))
                    .contains("Now (" + now + "):")
                    .containsPattern(field("Tasks by state", "steps_in_process 3, waiting_for_retry 2, complete 28,"
                            + " error 5, cancelled 3 (41 in all)"))
                    .containsPattern(field("Ready steps", "2"))
                    .containsPattern(field("In-flight steps", "1"))
                    .containsPattern(field("DLQ depth", "1"))
                    .containsPattern(field("Oldest pending", "waiting " + PerformancePrinter.human(
                            Duration.between(data.expected().health(now).oldestPendingStepEnqueuedAt().orElseThrow(),
                                    now).toMillis()) + " (enqueued "));
            assertThat(day.tasksCreated()).isEqualTo(34);

            JsonNode json = server.json("system", "health");
            assertThat(json.path("status").asString()).isEqualTo("healthy");
            assertThat(json.path("performance").path("period").path("tasks_created").asLong()).isEqualTo(34);
            assertThat(json.path("performance").path("health").path("dlq_depth").asLong()).isEqualTo(1);
        }
    }

    @Test
    void hours_chooses_the_window_and_is_checked(DataSource dataSource) {
        AnalyticsDataSet data = AnalyticsDataSet.seed(dataSource, now);
        PeriodMetrics sixHours = data.expected().metrics(TimeWindow.ending(now, Duration.ofHours(6)));
        try (ClientServer server = ClientServer.startApiOnly(dataSource, AuthSettings.NONE, clock)) {
            CliRun run = server.run("system", "health", "--hours", "6");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("Last 6 hours (")
                    .containsPattern(field("Tasks created", sixHours.tasksCreated() + " ("));
            assertThat(sixHours.tasksCreated()).isEqualTo(9);

            for (String hours : List.of("0", "721")) {
                CliRun refused = server.run("system", "health", "--hours", hours);
                assertThat(refused.exitCode()).as(refused.out()).isEqualTo(ExitCodes.USAGE);
                assertThat(refused.errLines()).containsExactly("tasker: hours: must be between 1 and 720");
            }
            assertThat(server.run("system", "health", "--hours", "many").exitCode()).isEqualTo(ExitCodes.USAGE);
        }
    }

    @Test
    void a_key_without_analytics_read_still_gets_the_health_checks(DataSource dataSource) {
        AuthSettings keys = new AuthSettings(List.of(
                new AuthSettings.ApiKey("reader", "key-reader", Set.of(Permission.SYSTEM_READ))), Optional.empty());
        try (ClientServer server = ClientServer.startApiOnly(dataSource, keys, clock)) {
            CliRun run = server.run("system", "health", "--api-key", "key-reader");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).containsPattern("Status: +healthy")
                    .contains("Analytics not shown: 'reader' lacks the permission analytics:read")
                    .doesNotContain("Tasks created");
            JsonNode json = server.json("system", "health", "--api-key", "key-reader");
            assertThat(json.path("performance").isNull()).isTrue();
            assertThat(json.path("performance_error").path("error").asString()).isEqualTo("forbidden");
        }
    }

    /** A {@link Fields} line: the label, a colon, spaces, the value. */
    private static Pattern field(String label, String value) {
        return Pattern.compile("(?m)^" + Pattern.quote(label + ":") + " +" + Pattern.quote(value));
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
