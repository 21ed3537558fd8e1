package io.tasker.board;

import io.tasker.engine.store.NotificationListener;
import io.tasker.worker.WorkSignal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Live wake-ups for notification watchers: one connection per process (the core's {@link NotificationListener})
 * listens on the board's channel (a constant; its payload is an org id) and wakes every subscription of that org.
 * A watcher woken reads its own unread notifications from the table, so a lost wake-up only delays, never loses, a
 * notification: watchers also look on their own at least every keep-alive interval, and all are woken after a
 * reconnect.
 */
public final class NotificationFeed implements AutoCloseable {

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

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final NotificationListener listener;
    private volatile boolean closed;

    private NotificationFeed(DataSource dataSource) {
        this.listener = new NotificationListener(dataSource, "tasker-board-listen",
                Map.of(Notifier.CHANNEL, this::dispatch), () -> subscriptions.forEach(Subscription::wake));
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
        listener.close();
    }

    /** Wakes the watchers of the org named by the payload (a malformed one is logged by the listener). */
    private void dispatch(String payload) {
        UUID orgId = UUID.fromString(payload);
        subscriptions.stream().filter(s -> s.orgId.equals(orgId)).forEach(Subscription::wake);
    }
}
