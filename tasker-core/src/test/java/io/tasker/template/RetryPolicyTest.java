package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static List<Long> delays(BackoffKind kind, long base, long max) {
        RetryPolicy policy = new RetryPolicy(true, 10, kind, base, max, false);
        return IntStream.rangeClosed(1, 6).mapToObj(n -> policy.delayAfter(n, () -> 0.5).toMillis()).toList();
    }

    @Test
    void each_backoff_kind_grows_as_documented() {
        assertThat(delays(BackoffKind.NONE, 1000, 30_000)).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(delays(BackoffKind.LINEAR, 1000, 30_000)).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L);
        assertThat(delays(BackoffKind.EXPONENTIAL, 1000, 30_000))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16_000L, 30_000L);
        assertThat(delays(BackoffKind.FIBONACCI, 1000, 30_000))
                .containsExactly(1000L, 1000L, 2000L, 3000L, 5000L, 8000L);
    }

    @Test
    void the_wait_never_exceeds_max_backoff() {
        RetryPolicy policy = new RetryPolicy(true, 100, BackoffKind.EXPONENTIAL, 1000, 5000, false);
        assertThat(policy.delayAfter(99, () -> 0)).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void jitter_shortens_the_wait_by_at_most_ten_percent() {
        RetryPolicy policy = new RetryPolicy(true, 5, BackoffKind.LINEAR, 1000, 30_000, true);
        assertThat(policy.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy.delayAfter(2, () -> 0.999)).isBetween(Duration.ofMillis(1800), Duration.ofMillis(2000));
    }

    @Test
    void another_attempt_only_while_retryable_and_below_max_attempts() {
        RetryPolicy policy = new RetryPolicy(true, 3, BackoffKind.NONE, 0, 0, false);
        assertThat(policy.allowsAnotherAttempt(2)).isTrue();
        assertThat(policy.allowsAnotherAttempt(3)).isFalse();
        assertThat(new RetryPolicy(false, 3, BackoffKind.NONE, 0, 0, false).allowsAnotherAttempt(1)).isFalse();
    }
}
