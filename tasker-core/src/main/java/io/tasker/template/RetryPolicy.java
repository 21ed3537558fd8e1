package io.tasker.template;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A step's retry rules. After attempt {@code n} fails retryably (and {@code n < maxAttempts}), the next attempt waits
 * {@code min(maxBackoff, f(n) x base)} where f is 0 (none), n (linear), 2^(n-1) (exponential) or fib(n)
 * (fibonacci). With jitter the wait is shortened by up to 10% at random, so failed steps do not retry in lockstep.
 */
public record RetryPolicy(boolean retryable, int maxAttempts, BackoffKind backoff, long backoffBaseMs,
                          long maxBackoffMs, boolean jitter) {

    public static final boolean DEFAULT_RETRYABLE = true;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final BackoffKind DEFAULT_BACKOFF = BackoffKind.EXPONENTIAL;
    public static final long DEFAULT_BACKOFF_BASE_MS = 1_000;
    public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;
    public static final double JITTER_FRACTION = 0.1;

    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_RETRYABLE, DEFAULT_MAX_ATTEMPTS,
            DEFAULT_BACKOFF, DEFAULT_BACKOFF_BASE_MS, DEFAULT_MAX_BACKOFF_MS, true);

    /** True when a retryable failure of attempt {@code attempt} leads to another attempt. */
    public boolean allowsAnotherAttempt(int attempt) {
        return retryable && attempt < maxAttempts;
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based).
     *
     * @param random a source of numbers in [0, 1) for the jitter
     */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        int n = Math.max(1, attempt);
        double factor = switch (backoff) {
            case NONE -> 0;
            case LINEAR -> n;
            case EXPONENTIAL -> Math.pow(2, Math.min(n - 1, 62));
            case FIBONACCI -> fibonacci(n);
        };
        double millis = Math.min((double) maxBackoffMs, factor * backoffBaseMs);
        if (jitter && millis > 0) {
            millis -= millis * JITTER_FRACTION * random.getAsDouble();
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private static double fibonacci(int n) {
        double previous = 0;
        double current = 1;
        for (int i = 1; i < n && current < 1e18; i++) {
            double next = previous + current;
            previous = current;
            current = next;
        }
        return current;
    }
}
