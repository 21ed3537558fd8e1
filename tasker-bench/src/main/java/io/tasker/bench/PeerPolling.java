package io.tasker.bench;

import java.time.Duration;
import javax.sql.DataSource;

/** Polls a peer's table until its count of unfinished jobs is zero. */
final class PeerPolling {

    private static final long POLL_MILLIS = 20;

    private PeerPolling() {
    }

    /** Returns {@link System#nanoTime()} at the first poll that saw zero. */
    static long awaitZero(DataSource dataSource, String countSql, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = BenchDatabase.queryLong(dataSource, countSql);
            long now = System.nanoTime();
            if (remaining == 0) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException(remaining + " jobs still unfinished after " + timeout.toSeconds()
                        + "s (" + countSql + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
