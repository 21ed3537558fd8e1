package io.tasker.server.delivery;

import io.tasker.event.Outbox;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import io.tasker.json.Json;
import io.tasker.server.handlers.Exchange;
import io.tasker.server.handlers.HttpTargets;
import io.tasker.store.rows.OutboxRow;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import tools.jackson.databind.node.MissingNode;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: POSTs each due message's JSON payload to its URL, signed (a {@code file:} URL appends it to
 * the file as a JSON line instead, see {@link FileTarget}), and records the outcome (a 2xx
 * delivers it; anything else, a timeout or a refused connection is retried after a growing pause, and the last
 * attempt makes it dead). One thread per server process with the scheduler role; several processes share the work
 * through the outbox's claims. What is in the outbox survives any crash: an attempt cut short is made again once its
 * claim runs out, so a receiver may see a message twice (the {@code X-Tasker-Message-Id} header lets it tell).
 * Messages go only to the hosts of {@code handlers.http.allowed_hosts}, redirects included, as the {@code http}
 * handler's calls do ({@link Exchange}); a refused host or redirect makes the message dead at once, with the reason.
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
    private final HttpTargets targets;
    private final Clock clock;
    private final HttpClient client;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param targets the hosts deliveries may go to, redirects included */
    public OutboxDelivery(Outbox outbox, DeliverySettings settings, HttpTargets targets, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.targets = targets;
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
            attempt(message).ifPresentOrElse(failure -> {
                // What another attempt would not change (a host not allowed) is dead now; the rest is retried.
                int lastAttempt = failure.permanent() ? message.attempts() : settings.maxAttempts();
                Optional<String> state = outbox.failed(message, lastAttempt,
                        DeliverySettings.pauseAfter(message.attempts()), failure.error());
                if (state.filter("dead"::equals).isPresent()) {
                    log.warn("Delivery {} to {} is dead after {} attempts: {}", message.messageUuid(),
                            message.targetUrl(), message.attempts(), failure.error());
                }
            }, () -> outbox.delivered(message));
        }
        return due.size();
    }

    /** Why an attempt failed, and whether another attempt could go differently. */
    private record Failure(String error, boolean permanent) {
    }

    /** Empty when delivered; otherwise why not. */
    private Optional<Failure> attempt(OutboxRow message) {
        String body = Json.write(message.payload());
        if (FileTarget.handles(message.targetUrl()) && message.topic().startsWith(FileTarget.TOPIC_PREFIX)) {
            // The operator's own file (data.openlineage_url), not a template's URL: no host to allow.
            return FileTarget.append(message.targetUrl(), body).map(error -> new Failure(error, false));
        }
        Instant now = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "tasker-delivery");
        headers.put("X-Tasker-Message-Id", message.messageUuid().toString());
        headers.put("X-Tasker-Topic", message.topic());
        headers.put("X-Tasker-Attempt", String.valueOf(message.attempts()));
        settings.secret().ifPresent(secret -> headers.put(WebhookSignature.HEADER,
                WebhookSignature.header(secret, now.getEpochSecond(), body)));
        try {
            Exchange exchange = new Exchange(Exchange.Sender.DELIVERY, client, targets,
                    URI.create(message.targetUrl()), REQUEST_TIMEOUT, headers, MissingNode.getInstance());
            HttpResponse<InputStream> response = exchange.send("POST", body);
            response.body().close(); // the answer's body is not read
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of(new Failure("HTTP " + response.statusCode(), false));
        } catch (PermanentError e) {
            return Optional.of(new Failure(e.getMessage(), true));
        } catch (RetryableError e) {
            return Optional.of(new Failure(e.getMessage(), false));
        } catch (IOException e) {
            return Optional.of(new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failure("interrupted", false));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Failure("unusable URL: " + e.getMessage(), true));
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
