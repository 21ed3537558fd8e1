package io.tasker.server.handlers;

import io.tasker.handler.PermanentError;
import io.tasker.Causes;
import io.tasker.handler.RetryableError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One call of the {@code http} handler with its redirects, followed hop by hop: at most {@value #MAX_REDIRECTS},
 * each target checked against the allowed hosts, never from https to http; 307 and 308 repeat the method and body,
 * 301, 302 and 303 continue as a GET. The template's own headers (credentials, typically) go to the first URL's
 * origin only.
 */
final class Exchange {

    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final HttpTargets targets;
    private final URI origin;
    private final Duration timeout;
    private final JsonNode headers;
    private final String idempotencyKey;
    private URI target;

    Exchange(HttpClient client, HttpTargets targets, URI url, Duration timeout, JsonNode headers,
             String idempotencyKey) {
        this.client = client;
        this.targets = targets;
        this.origin = url;
        this.target = url;
        this.timeout = timeout;
        this.headers = headers;
        this.idempotencyKey = idempotencyKey;
    }

    /** The URL of the last hop. */
    URI target() {
        return target;
    }

    HttpResponse<InputStream> send(String method, String body) throws InterruptedException {
        String verb = method;
        String payload = body;
        for (int hop = 0; ; hop++) {
            if (!targets.allows(target)) {
                throw new PermanentError("http handler: " + target.getHost() + " is not one of the hosts in "
                        + "handlers.http.allowed_hosts");
            }
            HttpResponse<InputStream> response = once(verb, payload);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            closeQuietly(response);
            if (hop == MAX_REDIRECTS) {
                throw new PermanentError("http handler: more than " + MAX_REDIRECTS + " redirects from " + origin);
            }
            target = next(location);
            if (response.statusCode() <= 303) {
                verb = "GET";
                payload = null;
            }
        }
    }

    private URI next(String location) {
        URI next;
        try {
            next = target.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new PermanentError("http handler: " + target + " redirected to an invalid URL");
        }
        if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw new PermanentError("http handler: " + target + " redirected to a URL that is not http or https");
        }
        if ("https".equalsIgnoreCase(target.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
            throw new PermanentError("http handler: " + target + " redirected from https to http");
        }
        return next;
    }

    private HttpResponse<InputStream> once(String method, String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (sameOrigin(target) && headers.isObject()) {
            headers.properties().forEach(h -> request.header(h.getKey(), h.getValue().asString()));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RetryableError("http handler: " + target + " did not answer within " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            throw new RetryableError("http handler: cannot reach " + target + ": " + Causes.describe(e));
        }
    }

    private boolean sameOrigin(URI url) {
        return url.getScheme().equalsIgnoreCase(origin.getScheme()) && url.getPort() == origin.getPort()
                && Objects.equals(url.getHost(), origin.getHost());
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close(); // a redirect's body is not read
        } catch (IOException e) {
            // nothing to do: the connection is dropped
        }
    }
}
