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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One outgoing call with its redirects, followed hop by hop: at most {@value #MAX_REDIRECTS}, each target checked
 * against the allowed hosts ({@code handlers.http.allowed_hosts}), never from https to http; 307 and 308 repeat the
 * method and body. 301, 302 and 303 continue as a GET for the {@code http} handler; a delivery (webhook, event) ends
 * there instead, since a GET would drop the message it carries. Credentials ({@code originHeaders}: the template's
 * own headers) go to the first URL's origin only; {@code hopHeaders} go to every hop. Used by the {@code http}
 * handler and by the outbox's delivery, so that both call only the hosts an operator allowed.
 */
public final class Exchange {

    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Who calls, for error messages, and whether a redirect may turn the call into a GET. */
    public enum Sender {
        HANDLER("http handler", true),
        DELIVERY("delivery", false);

        private final String label;
        private final boolean mayBecomeGet;

        Sender(String label, boolean mayBecomeGet) {
            this.label = label;
            this.mayBecomeGet = mayBecomeGet;
        }
    }

    private final Sender sender;
    private final HttpClient client;
    private final HttpTargets targets;
    private final URI origin;
    private final Duration timeout;
    private final Map<String, String> hopHeaders;
    private final JsonNode originHeaders;
    private URI target;

    /**
     * @param client        an HTTP client that does not follow redirects itself
     * @param hopHeaders    headers for every hop (an idempotency key, a signature)
     * @param originHeaders a JSON object of headers for the first URL's origin only (credentials), or missing
     */
    public Exchange(Sender sender, HttpClient client, HttpTargets targets, URI url, Duration timeout,
                    Map<String, String> hopHeaders, JsonNode originHeaders) {
        this.sender = sender;
        this.client = client;
        this.targets = targets;
        this.origin = url;
        this.target = url;
        this.timeout = timeout;
        this.hopHeaders = Map.copyOf(hopHeaders);
        this.originHeaders = originHeaders;
    }

    /** The URL of the last hop. */
    public URI target() {
        return target;
    }

    /**
     * Sends the request and follows its redirects. Throws {@link PermanentError} for what another attempt would not
     * change (a host not allowed, a bad redirect) and {@link RetryableError} for a timeout or a connection failure.
     */
    public HttpResponse<InputStream> send(String method, String body) throws InterruptedException {
        String verb = method;
        String payload = body;
        for (int hop = 0; ; hop++) {
            if (!targets.allows(target)) {
                throw new PermanentError(sender.label + ": " + target.getHost() + " is not one of the hosts in "
                        + "handlers.http.allowed_hosts");
            }
            HttpResponse<InputStream> response = once(verb, payload);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            closeQuietly(response);
            if (hop == MAX_REDIRECTS) {
                throw new PermanentError(sender.label + ": more than " + MAX_REDIRECTS + " redirects from " + origin);
            }
            if (response.statusCode() <= 303 && !sender.mayBecomeGet) {
                throw new PermanentError(sender.label + ": " + target + " answered " + response.statusCode()
                        + " (a redirect that turns the POST into a GET, which would drop the message); only 307 and"
                        + " 308 are followed");
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
            throw new PermanentError(sender.label + ": " + target + " redirected to an invalid URL");
        }
        if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw new PermanentError(sender.label + ": " + target + " redirected to a URL that is not http or https");
        }
        if ("https".equalsIgnoreCase(target.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
            throw new PermanentError(sender.label + ": " + target + " redirected from https to http");
        }
        return next;
    }

    private HttpResponse<InputStream> once(String method, String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        hopHeaders.forEach(request::header);
        if (sameOrigin(target) && originHeaders.isObject()) {
            originHeaders.properties().forEach(h -> request.header(h.getKey(), h.getValue().asString()));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RetryableError(sender.label + ": " + target + " did not answer within " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            throw new RetryableError(sender.label + ": cannot reach " + target + ": " + Causes.describe(e));
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
