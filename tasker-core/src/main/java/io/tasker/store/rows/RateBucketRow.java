package io.tasker.store.rows;

import java.time.LocalDateTime;

/** A row of {@code tasker.rate_buckets}: the token bucket of one rate-limit key value. */
@Table("rate_buckets")
public record RateBucketRow(
        String throttleKey,
        double tokens,
        LocalDateTime refilledAt) {
}
