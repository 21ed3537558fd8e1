package io.tasker.template;

import java.net.URI;

/** Where Tasker may POST: an absolute http or https URL with a host (which hosts are allowed is the server's call). */
public final class WebhookUrl {

    public static final int MAX_LENGTH = 2048;

    private WebhookUrl() {
    }

    public static boolean isValid(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return false;
        }
        try {
            URI uri = URI.create(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
