package io.tasker.event;

import io.tasker.InvalidInputException;
import io.tasker.template.WebhookUrl;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where domain events go: an http(s) URL and the event names it wants, each a name ({@code order.paid}) or a
 * pattern with {@code *} for any one dotted part ({@code payment.*}) or, alone, for every event.
 */
public record EventSubscriber(String url, List<String> events) {

    private static final Pattern EVENT_PATTERN = Pattern.compile("\\*|([a-z0-9_]+|\\*)(\\.([a-z0-9_]+|\\*))*");

    public EventSubscriber {
        if (!WebhookUrl.isValid(url)) {
            throw new InvalidInputException("event subscriber url must be an http or https URL, got '" + url + "'");
        }
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new InvalidInputException("event subscriber " + url + " names no events (use * for all)");
        }
        for (String event : events) {
            if (!EVENT_PATTERN.matcher(event).matches()) {
                throw new InvalidInputException("event subscriber " + url + ": '" + event + "' is not an event "
                        + "name or pattern (dotted lower case, * for any one part)");
            }
        }
    }

    /** Whether this subscriber wants event {@code name}. */
    public boolean wants(String name) {
        return events.stream().anyMatch(pattern -> matches(pattern, name));
    }

    static boolean matches(String pattern, String name) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] want = pattern.split("\\.");
        String[] have = name.split("\\.");
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }
}
