package io.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.handler.StepResult;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import java.time.Duration;
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
}
