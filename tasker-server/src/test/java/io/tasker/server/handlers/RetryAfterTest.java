package io.tasker.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The http handler honours Retry-After up to a day, as the worker API's retry_after_seconds. */
class RetryAfterTest {

    private final HttpStepHandler handler = new HttpStepHandler(
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void seconds_and_dates_are_honoured_up_to_a_day() {
        assertThat(handler.retryAfter(Optional.of("120"))).contains(Duration.ofSeconds(120));
        assertThat(handler.retryAfter(Optional.of("Thu, 01 Jan 2026 00:10:00 GMT"))).contains(Duration.ofMinutes(10));
        assertThat(handler.retryAfter(Optional.of("9999999999999"))).contains(Duration.ofDays(1));
        assertThat(handler.retryAfter(Optional.of("Fri, 31 Dec 9999 23:59:59 GMT"))).contains(Duration.ofDays(1));
        assertThat(handler.retryAfter(Optional.of("-5"))).contains(Duration.ZERO);
        assertThat(handler.retryAfter(Optional.of("soon"))).isEmpty();
    }
}
