package io.tasker.server.delivery;

import io.tasker.InvalidInputException;
import io.tasker.event.EventSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How completion webhooks and domain events are delivered.
 *
 * @param secret      HMAC-SHA256 key for the {@value WebhookSignature#HEADER} header; empty: deliveries go unsigned
 * @param maxAttempts attempts per message before it is {@code dead}
 * @param subscribers where domain events go (none: steps' events are not written at all)
 */
public record DeliverySettings(Optional<String> secret, int maxAttempts, List<EventSubscriber> subscribers) {

    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final int MAX_ATTEMPTS = 100;
    /** The first retry's pause; each further one doubles it, up to {@link #MAX_PAUSE}. */
    public static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    public static final Duration MAX_PAUSE = Duration.ofHours(1);

    public static final DeliverySettings DEFAULTS = new DeliverySettings(Optional.empty(), DEFAULT_MAX_ATTEMPTS,
            List.of());

    public DeliverySettings {
        secret = secret.filter(s -> !s.isEmpty());
        if (secret.isPresent() && secret.get().length() < 16) {
            throw new InvalidInputException("delivery.secret must be at least 16 characters");
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidInputException("delivery.max_attempts must be 1 to " + MAX_ATTEMPTS);
        }
        subscribers = List.copyOf(subscribers);
    }

    /** The pause after failed attempt {@code attempt} (1-based): 5 s, 10 s, 20 s, ... at most an hour. */
    public static Duration pauseAfter(int attempt) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(attempt - 1, 20));
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }

    /**
     * Subscribers from text: {@code url} (every event) or {@code url=event,event}, several separated by {@code ;}
     * (e.g. {@code https://a.example/hook=order.*;https://b.example/all}).
     */
    public static List<EventSubscriber> parseSubscribers(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(";")).map(String::trim).filter(s -> !s.isEmpty()).map(entry -> {
            int equals = entry.lastIndexOf('=');
            boolean hasEvents = equals > entry.indexOf("://") + 2 && !entry.substring(equals + 1).contains("/");
            return hasEvents
                    ? new EventSubscriber(entry.substring(0, equals), List.of(entry.substring(equals + 1).split(",")))
                    : new EventSubscriber(entry, List.of("*"));
        }).toList();
    }
}
