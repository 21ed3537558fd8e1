package io.tasker.analytics;

import io.tasker.store.jdbc.Jdbc;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Tasks created, completed and failed per time bucket over a window ending now, counted in SQL with
 * {@code date_bin} (every bucket present, empty ones as zero). Completed and failed count the tasks that reached
 * that end state in the bucket and are still in it (the indexed current-state transitions), so a failed task retried
 * to completion counts once, as completed, when it completed.
 */
public final class Throughput {

    /** One bucket, starting at {@code start}. */
    public record Point(Instant start, long created, long completed, long failed) {
    }

    private static final String SERIES = """
            WITH p AS (
                SELECT make_interval(secs => ?) AS width, make_interval(hours => ?) AS span
            ), w AS (
                -- the current bucket and the ones before it, span / width in all (both ends of the series count)
                SELECT date_bin(p.width, timezone('utc', now()) - p.span + p.width, timestamp '2000-01-01') AS since,
                       p.width
                FROM p
            ), created AS (
                SELECT date_bin(w.width, t.created_at, timestamp '2000-01-01') AS start, count(*) AS n
                FROM tasker.tasks t, w WHERE t.created_at >= w.since GROUP BY 1
            ), ended AS (
                SELECT date_bin(w.width, e.created_at, timestamp '2000-01-01') AS start,
                       count(*) FILTER (WHERE e.to_state = 'complete') AS completed,
                       count(*) FILTER (WHERE e.to_state = 'error') AS failed
                FROM tasker.task_transitions e, w
                WHERE e.most_recent AND e.to_state IN ('complete', 'error') AND e.created_at >= w.since GROUP BY 1
            )
            SELECT s.start, coalesce(c.n, 0) AS created, coalesce(d.completed, 0) AS completed,
                   coalesce(d.failed, 0) AS failed
            FROM w CROSS JOIN generate_series(w.since, timezone('utc', now()), w.width) AS s(start)
            LEFT JOIN created c ON c.start = s.start LEFT JOIN ended d ON d.start = s.start
            ORDER BY s.start
            """;

    private final Jdbc jdbc;

    public Throughput(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The last {@code hours} in buckets of {@code bucketSeconds}, oldest first. */
    public List<Point> series(int hours, int bucketSeconds) {
        return jdbc.query(SERIES, row -> new Point(
                row.getObject("start", LocalDateTime.class).toInstant(ZoneOffset.UTC), row.getLong("created"),
                row.getLong("completed"), row.getLong("failed")), bucketSeconds, hours);
    }
}
