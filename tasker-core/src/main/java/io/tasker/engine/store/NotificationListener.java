package io.tasker.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one dedicated connection for the engine's NOTIFY channels and hands each notification's payload to its
 * channel's callback. If the connection breaks it reconnects with backoff, and reports a wake-up so nothing missed
 * meanwhile waits for the slow poll. One per engine process: the workers and the scheduler share it. The receiving end
 * of {@link Notifications}.
 */
public final class NotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final Map<String, Consumer<String>> channels;
    private final Runnable onReconnect;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * @param channels    callbacks by channel; only {@link Notifications#CHANNELS} are accepted
     * @param onReconnect called after the connection was lost and made again
     */
    public NotificationListener(DataSource dataSource, Map<String, Consumer<String>> channels, Runnable onReconnect) {
        if (!Notifications.CHANNELS.containsAll(channels.keySet())) {
            throw new IllegalArgumentException("unknown channel among " + channels.keySet());
        }
        this.dataSource = dataSource;
        this.channels = Map.copyOf(channels);
        this.onReconnect = onReconnect;
        this.thread = Thread.ofPlatform().daemon().name("tasker-listen").start(this::listenLoop);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    private void listenLoop() {
        Duration backoff = Duration.ofMillis(100);
        boolean firstConnect = true;
        while (running) {
            try {
                connect();
                if (!firstConnect) {
                    onReconnect.run();
                }
                firstConnect = false;
                backoff = Duration.ofMillis(100);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Lost the notification connection ({}); reconnecting in {} ms", e.getMessage(),
                        backoff.toMillis());
                closeConnection();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    private void connect() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String channel : channels.keySet()) {
                statement.execute("LISTEN " + channel); // one of Notifications.CHANNELS, checked when built
            }
        }
    }

    private void dispatch(PGNotification notification) {
        try {
            Consumer<String> callback = channels.get(notification.getName());
            if (callback == null) {
                log.debug("Ignoring notification on {}", notification.getName());
            } else {
                callback.accept(notification.getParameter());
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed notification on {}: {}", notification.getName(), e.getMessage());
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("Closing the notification connection: {}", e.getMessage());
            }
        }
    }
}
