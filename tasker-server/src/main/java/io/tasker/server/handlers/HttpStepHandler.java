package io.tasker.server.handlers;

import io.tasker.Causes;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Built-in handler {@code http}: sends the step's context, inputs and dependency results as JSON to the URL in its
 * {@code initialization} and maps the answer. 2xx: success with the response body (JSON, or its text). 429 and 503:
 * retryable, after the {@code Retry-After} delay when the server gives one. 408 and 5xx, timeouts and connection
 * failures: retryable. Other 4xx: permanent.
 *
 * <p>{@code initialization}: {@code url} (required, http or https), {@code method} (POST, PUT or PATCH; default
 * POST), {@code headers} (an object of strings), {@code timeout_seconds} (default 30). The step's uuid goes along as
 * {@code Idempotency-Key}, so the receiver can spot a retry. Redirects are followed as {@link Exchange} says, and
 * only to the {@link HttpTargets} allowed. Documented for users in docs/handlers.md.
 */
public final class HttpStepHandler implements StepHandler {

    public static final String NAME = "http";
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** Longest Retry-After honoured, as for external workers' retry_after_seconds. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(86_400);
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    private final HttpClient client;
    private final Clock clock;
    private final HttpTargets targets;

    public HttpStepHandler(Clock clock) {
        this(clock, HttpTargets.ANY);
    }

    /** @param targets the hosts it may call, redirects included */
    public HttpStepHandler(Clock clock, HttpTargets targets) {
        this.clock = clock;
        this.targets = targets;
        // Redirects are followed here, hop by hop, so that each target is checked against the allowed hosts.
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public StepResult handle(StepContext ctx) throws InterruptedException {
        JsonNode init = ctx.initialization();
        URI url = url(init);
        String method = init.path("method").asString("POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new PermanentError("http handler: method must be POST, PUT or PATCH, got " + method);
        }
        int timeout = init.path("timeout_seconds").asInt(DEFAULT_TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > 3600) {
            throw new PermanentError("http handler: timeout_seconds must be between 1 and 3600");
        }
        Exchange exchange = new Exchange(Exchange.Sender.HANDLER, client, targets, url, Duration.ofSeconds(timeout),
                Map.of("Idempotency-Key", ctx.stepUuid().toString()), init.path("headers"));
        HttpResponse<InputStream> response = exchange.send(method, Json.write(body(ctx)));
        String text = read(response);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return StepResult.success(result(status, text));
        }
        String summary = "http handler: " + method + " " + exchange.target() + " answered " + status;
        if (status == 429 || status == 503) {
            Optional<Duration> retryAfter = retryAfter(response.headers().firstValue("Retry-After"));
            throw retryAfter.map(delay -> new RetryableError(summary, delay)).orElseGet(() -> new RetryableError(summary));
        }
        if (status == 408 || status >= 500) {
            throw new RetryableError(summary);
        }
        throw new PermanentError(summary + (text.isBlank() ? "" : ": " + abbreviate(text)));
    }

    private static URI url(JsonNode init) {
        String text = init.path("url").asString("");
        try {
            URI url = URI.create(text);
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                    || url.getHost() == null) {
                throw new IllegalArgumentException("not http");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new PermanentError("http handler: initialization.url must be an http or https URL");
        }
    }

    private static ObjectNode body(StepContext ctx) {
        ObjectNode body = Json.object();
        body.put("task_uuid", ctx.taskUuid().toString());
        body.put("step_uuid", ctx.stepUuid().toString());
        body.put("step_name", ctx.stepName());
        body.put("attempt", ctx.attempt());
        body.set("context", ctx.taskContext());
        body.set("inputs", ctx.inputs());
        ObjectNode dependencies = body.putObject("dependency_results");
        ctx.dependencyResults().forEach(dependencies::set);
        return body;
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new PermanentError("http handler: response larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RetryableError("http handler: reading the response failed: " + Causes.describe(e));
        }
    }

    private static JsonNode result(int status, String text) {
        if (!text.isBlank()) {
            try {
                return Json.parse(text);
            } catch (JsonFormatException e) {
                return Json.object().put("status", status).put("body", text);
            }
        }
        return Json.object().put("status", status);
    }

    /** Retry-After as seconds or as an HTTP date, at most {@link #MAX_RETRY_AFTER}. */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        Duration delay;
        try {
            delay = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                delay = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        // A server asking for 9999999999999 s would put the retry in a year no timestamp holds.
        return Optional.of(delay.isNegative() ? Duration.ZERO
                : delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
