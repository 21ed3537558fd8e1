package io.tasker.board;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.tasker.worker.WorkSignal;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live wake-ups for notification watchers: one connection per process listens on the board's channel (a constant;
 * its payload is an org id) and wakes every subscription of that org. A watcher woken reads its own unread
 * notifications from the table, so a lost wake-up only delays, never loses, a notification: watchers also look
 * on their own at least every keep-alive interval, and all are woken after a reconnect.
 */
public final class NotificationFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationFeed.class);
    private static final int WAIT_MILLIS = 500;

    /** One watcher's wake-up: {@link #await} returns early when its org had news. */
    public final class Subscription implements AutoCloseable {
        private final UUID orgId;
        private final WorkSignal news = new WorkSignal();

        private Subscription(UUID orgId) {
            this.orgId = orgId;
        }

        /** Waits for news or {@code timeout}; returns true when woken. */
        public boolean await(Duration timeout) throws InterruptedException {
            return !closed && news.await(timeout);
        }

        void wake() {
            news.signal();
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final DataSource dataSource;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private NotificationFeed(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().daemon().name("tasker-board-listen").start(this::listen);
    }

    public static NotificationFeed start(DataSource dataSource) {
        return new NotificationFeed(dataSource);
    }

    public Subscription subscribe(UUID orgId) {
        Subscription subscription = new Subscription(orgId);
        subscriptions.add(subscription);
        return subscription;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops listening and wakes every watcher so that it can end. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::wake);
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    private void listen() {
        long backoff = 100;
        while (!closed) {
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Notifier.CHANNEL);
                }
                subscriptions.forEach(Subscription::wake);
                backoff = 100;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Lost the board's notification connection ({}); reconnecting in {} ms", e.getMessage(),
                        backoff);
                closeConnection();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void dispatch(String payload) {
        try {
            UUID orgId = UUID.fromString(payload);
            subscriptions.stream().filter(s -> s.orgId.equals(orgId)).forEach(Subscription::wake);
        } catch (IllegalArgumentException e) {
            log.debug("Ignoring a board notification with payload {}", payload);
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("Closing the board's notification connection: {}", e.getMessage());
            }
        }
    }
}
