package io.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.handler.StepResult;
import io.tasker.scheduler.Retention;
import io.tasker.settings.EngineSettings;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@DatabaseTest
class TaskerBuilderTest {

    @Test
    void a_missing_or_negative_shutdown_grace_is_refused_when_set_not_at_shutdown(DataSource dataSource) {
        assertThatThrownBy(() -> Tasker.builder(dataSource).shutdownGrace(null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shutdownGrace");
        assertThatThrownBy(() -> Tasker.builder(dataSource).shutdownGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Tasker.builder(dataSource).shutdownGrace(Duration.ZERO)).isNotNull();
    }

    @Test
    void handlers_registered_after_start_do_not_reach_the_running_engine(DataSource dataSource) {
        TaskerBuilder builder = Engines.fast(dataSource).runWorkers(false).runMaintenance(false)
                .handler("early", context -> StepResult.success(Map.of()));
        try (Tasker tasker = builder.start()) {
            builder.handler("late", context -> StepResult.success(Map.of()));
            assertThat(tasker.handlers().canResolve("early")).isTrue();
            assertThat(tasker.handlers().canResolve("late")).isFalse();
            assertThatThrownBy(() -> tasker.handlers().register("later", context -> StepResult.success(Map.of())))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void values_out_of_the_declared_ranges_are_refused_naming_the_range(DataSource dataSource) {
        assertThatThrownBy(() -> Tasker.builder(dataSource).concurrency(10_001))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("concurrency must be between 1 and 10000, got 10001");
        assertThatThrownBy(() -> Tasker.builder(dataSource).pollInterval(Duration.ofMillis(5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pollInterval must be between 10 ms and 1 h, got 5 ms");
        assertThatThrownBy(() -> new Retention.Settings(true, Duration.ofHours(1), false, 10, Duration.ofMinutes(5)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("retention max age");
    }

    @Test
    void a_duration_setting_reads_in_whole_units_as_a_configuration_key_writes_it() {
        assertThat(EngineSettings.LEASE.defaultIn(ChronoUnit.SECONDS)).isEqualTo(30);
        assertThat(EngineSettings.LEASE.minIn(ChronoUnit.SECONDS)).as("100 ms rounds up to 1 s").isEqualTo(1);
        assertThat(EngineSettings.LEASE.maxIn(ChronoUnit.SECONDS)).isEqualTo(86_400);
        assertThat(EngineSettings.POLL_INTERVAL.minIn(ChronoUnit.MILLIS)).isEqualTo(10);
    }
}
