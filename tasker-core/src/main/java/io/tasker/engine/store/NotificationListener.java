package io.tasker.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one dedicated connection for NOTIFY channels and hands each notification's payload to its channel's
 * callback. If the connection breaks it reconnects with backoff, and reports a wake-up so nothing missed meanwhile
 * waits for the slow poll. The receiving end of {@link Notifications}, and of the layers' own channels (the board's
 * live notifications).
 */
public final class NotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MILLIS = 500;
    /** Channel names go into LISTEN as they are, so only plain identifiers are accepted (they are constants). */
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final Map<String, Consumer<String>> channels;
    private final Runnable onReconnect;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * The engine's listener, in a thread named {@code tasker-listen}.
     *
     * @param channels    callbacks by channel; only {@link Notifications#CHANNELS} are accepted
     * @param onReconnect called after the connection was lost and made again
     */
    public NotificationListener(DataSource dataSource, Map<String, Consumer<String>> channels, Runnable onReconnect) {
        this(dataSource, "tasker-listen", engineChannels(channels), onReconnect);
    }

    private static Map<String, Consumer<String>> engineChannels(Map<String, Consumer<String>> channels) {
        if (!Notifications.CHANNELS.containsAll(channels.keySet())) {
            throw new IllegalArgumentException("unknown channel among " + channels.keySet());
        }
        return channels;
    }

    /**
     * Listens on {@code channels} (constant names) in a thread of its own; a callback that throws on a malformed
     * payload is logged, and the listener goes on.
     */
    public NotificationListener(DataSource dataSource, String threadName, Map<String, Consumer<String>> channels,
                                Runnable onReconnect) {
        channels.keySet().forEach(channel -> {
            if (!CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException("not a channel name: " + channel);
            }
        });
        this.dataSource = dataSource;
        this.channels = Map.copyOf(channels);
        this.onReconnect = onReconnect;
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::listenLoop);
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
                statement.execute("LISTEN " + channel); // checked against CHANNEL when constructed
            }
        }
    }

    private void dispatch(PGNotification notification) {
        Consumer<String> callback = channels.get(notification.getName());
        if (callback == null) {
            log.debug("Ignoring notification on {}", notification.getName());
            return;
        }
        try {
            callback.accept(notification.getParameter());
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
