package io.tasker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void the_next_tick_is_strictly_after_the_given_instant() {
        CronExpression hourly = CronExpression.parse("0 * * * *");
        assertThat(hourly.nextAfter(Instant.parse("2026-03-01T10:15:00Z"), UTC))
                .contains(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(hourly.nextAfter(Instant.parse("2026-03-01T11:00:00Z"), UTC))
                .contains(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void nicknames_mean_their_five_fields() {
        assertThat(CronExpression.parse("@daily").nextAfter(Instant.parse("2026-03-01T10:15:00Z"), UTC))
                .contains(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(CronExpression.parse("@hourly").text()).isEqualTo("@hourly");
    }

    @Test
    void local_times_stay_local_across_a_daylight_saving_change() {
        CronExpression nineAm = CronExpression.parse("0 9 * * *");
        // Paris moves from UTC+1 to UTC+2 on 2026-03-29.
        assertThat(nineAm.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), PARIS))
                .contains(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(nineAm.nextAfter(Instant.parse("2026-03-27T12:00:00Z"), PARIS))
                .contains(Instant.parse("2026-03-28T08:00:00Z"));
    }

    @Test
    void ticks_between_two_instants_are_listed_oldest_first_and_bounded() {
        CronExpression quarterly = CronExpression.parse("*/15 * * * *");
        assertThat(quarterly.ticksBetween(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T11:00:00Z"),
                UTC, 10)).containsExactly(Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T10:30:00Z"),
                Instant.parse("2026-03-01T10:45:00Z"), Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(quarterly.ticksBetween(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T11:00:00Z"),
                UTC, 2)).as("the newest ones").containsExactly(Instant.parse("2026-03-01T10:45:00Z"),
                Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void bad_expressions_and_zones_are_refused_with_the_reason() {
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("61 * * * *");
        assertThatThrownBy(() -> CronExpression.parse("* * *")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CronExpression.parse("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CronExpression.zone("Mars/Olympus")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void an_expression_reads_in_words() {
        assertThat(CronExpression.parse("0 9 * * 1").describe()).containsIgnoringCase("monday");
    }
}
