package io.tasker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The one LISTEN loop of a process's engine, also serving a layer's own channels. */
@DatabaseTest
class NotificationListenerTest {

    @Test
    void a_layers_channel_gets_its_payloads_and_a_malformed_one_does_not_stop_the_listener(DataSource dataSource)
            throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (NotificationListener listener = new NotificationListener(dataSource, "test-listen",
                Map.of("test_layer_channel", payload -> {
                    if (payload.equals("bad")) {
                        throw new IllegalArgumentException("malformed");
                    }
                    received.add(payload);
                }), () -> { })) {
            Jdbc jdbc = new Jdbc(dataSource);
            // The listener connects in its own thread: send until the first payload arrives.
            String first = null;
            for (int i = 0; i < 600 && first == null; i++) {
                jdbc.query("SELECT pg_notify('test_layer_channel', 'bad')", row -> null);
                jdbc.query("SELECT pg_notify('test_layer_channel', 'hello')", row -> null);
                first = received.poll(Duration.ofMillis(100).toMillis(), TimeUnit.MILLISECONDS);
            }
            assertThat(first).isEqualTo("hello");
        }
    }

    @Test
    void a_channel_name_that_is_not_a_plain_identifier_is_refused(DataSource dataSource) {
        assertThatThrownBy(() -> new NotificationListener(dataSource, "test-listen",
                Map.of("x; DROP TABLE tasker.tasks", payload -> { }), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a channel name");
    }
}
