package io.tasker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickPlanTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void a_tick_on_time_fires_whatever_the_policy() {
        Instant now = T3.plusSeconds(5);
        for (CatchUp catchUp : CatchUp.values()) {
            assertThat(TickPlan.of(List.of(T3), now, catchUp)).isEqualTo(new TickPlan(List.of(T3), List.of()));
        }
    }

    @Test
    void after_a_downtime_none_skips_every_missed_tick() {
        assertThat(TickPlan.of(List.of(T1, T2, T3), T3.plusSeconds(600), CatchUp.NONE))
                .isEqualTo(new TickPlan(List.of(), List.of(T1, T2, T3)));
    }

    @Test
    void after_a_downtime_last_fires_the_latest_tick_once() {
        assertThat(TickPlan.of(List.of(T1, T2, T3), T3.plusSeconds(600), CatchUp.LAST))
                .isEqualTo(new TickPlan(List.of(T3), List.of(T1, T2)));
    }

    @Test
    void after_a_downtime_all_fires_every_tick_oldest_first() {
        assertThat(TickPlan.of(List.of(T1, T2, T3), T3.plusSeconds(600), CatchUp.ALL))
                .isEqualTo(new TickPlan(List.of(T1, T2, T3), List.of()));
    }

    @Test
    void nothing_due_is_nothing_to_do() {
        assertThat(TickPlan.of(List.of(), T3, CatchUp.ALL)).isEqualTo(new TickPlan(List.of(), List.of()));
    }
}
