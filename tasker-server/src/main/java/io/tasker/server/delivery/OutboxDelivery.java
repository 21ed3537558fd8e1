package io.tasker.server.delivery;

import io.tasker.event.Outbox;
import io.tasker.json.Json;
import io.tasker.store.rows.OutboxRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: POSTs each due message's JSON payload to its URL, signed (a {@code file:} URL appends it to
 * the file as a JSON line instead, see {@link FileTarget}), and records the outcome (a 2xx
 * delivers it; anything else, a timeout or a refused connection is retried after a growing pause, and the last
 * attempt makes it dead). One thread per server process with the scheduler role; several processes share the work
 * through the outbox's claims. What is in the outbox survives any crash: an attempt cut short is made again once its
 * claim runs out, so a receiver may see a message twice (the {@code X-Tasker-Message-Id} header lets it tell).
 */
public final class OutboxDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final int BATCH = 20;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A claim outlives the batch's requests, one after another, with room to spare. */
    private static final Duration CLAIM_TIME = REQUEST_TIMEOUT.multipliedBy(BATCH + 2);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final DeliverySettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final Thread thread;
    private volatile boolean running = true;

    public OutboxDelivery(Outbox outbox, DeliverySettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = Thread.ofPlatform().daemon().name("tasker-delivery").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (deliverDue() == 0) {
                    LockSupport.parkNanos(IDLE.toNanos());
                }
            } catch (RuntimeException e) {
                log.warn("Outbox delivery round failed; trying again shortly", e);
                LockSupport.parkNanos(IDLE.multipliedBy(5).toNanos());
            }
        }
    }

    /** One round: claims due messages and attempts each; returns how many it attempted. */
    public int deliverDue() {
        List<OutboxRow> due = outbox.claim(BATCH, CLAIM_TIME);
        for (OutboxRow message : due) {
            if (!running) {
                break; // the rest are attempted again when their claim runs out
            }
            attempt(message).ifPresentOrElse(error -> {
                Optional<String> state = outbox.failed(message, settings.maxAttempts(),
                        DeliverySettings.pauseAfter(message.attempts()), error);
                if (state.filter("dead"::equals).isPresent()) {
                    log.warn("Delivery {} to {} is dead after {} attempts: {}", message.messageUuid(),
                            message.targetUrl(), message.attempts(), error);
                }
            }, () -> outbox.delivered(message));
        }
        return due.size();
    }

    /** Empty when delivered; otherwise why not. */
    private Optional<String> attempt(OutboxRow message) {
        String body = Json.write(message.payload());
        if (FileTarget.handles(message.targetUrl()) && message.topic().startsWith(FileTarget.TOPIC_PREFIX)) {
            return FileTarget.append(message.targetUrl(), body);
        }
        Instant now = clock.instant();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(message.targetUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "tasker-delivery")
                .header("X-Tasker-Message-Id", message.messageUuid().toString())
                .header("X-Tasker-Topic", message.topic())
                .header("X-Tasker-Attempt", String.valueOf(message.attempts()))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.secret().ifPresent(secret -> request.header(WebhookSignature.HEADER,
                WebhookSignature.header(secret, now.getEpochSecond(), body)));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (IllegalArgumentException e) {
            return Optional.of("unusable URL: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(REQUEST_TIMEOUT.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
