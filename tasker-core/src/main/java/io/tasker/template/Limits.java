package io.tasker.template;

import java.util.Optional;

/**
 * How many may run at once and how fast they may start, per value of a key read from the task's input
 * ({@code $.context...}). On a step: at most {@code limit} of its steps in progress per key value, and at most
 * {@code per_second} of them starting per second. On a template: the same for its tasks (a task counts from its
 * first step's start until it finishes). Enforced when steps are claimed, in every engine; a backlog of one key
 * value never holds back the others. Concurrency and rate limit of one level share one key.
 */
public record Limits(Optional<Concurrency> concurrency, Optional<RateLimit> rateLimit) {

    public static final Limits NONE = new Limits(Optional.empty(), Optional.empty());
    public static final int MAX_LIMIT = 10_000;
    public static final double MAX_PER_SECOND = 10_000;

    /** At most {@code limit} running per value of {@code key}. */
    public record Concurrency(ContextPath key, int limit) {
    }

    /** At most {@code perSecond} starts per second per value of {@code key} (a token bucket of that size). */
    public record RateLimit(ContextPath key, double perSecond) {
    }

    public boolean isEmpty() {
        return concurrency.isEmpty() && rateLimit.isEmpty();
    }

    /** The key both share. */
    public Optional<ContextPath> key() {
        return concurrency.map(Concurrency::key).or(() -> rateLimit.map(RateLimit::key));
    }
}
