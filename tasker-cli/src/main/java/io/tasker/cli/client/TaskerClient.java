package io.tasker.cli.client;

import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A small client of the Tasker REST API: JSON in and out, {@code X-API-Key} when a key is given. A non-2xx answer
 * becomes a {@link ClientException} carrying the server's {@code error} and {@code message}; a server that cannot be
 * reached becomes one with status 0 and a one-line reason.
 */
public final class TaskerClient implements AutoCloseable {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** An answer: the HTTP status and the body as JSON (a JSON null for an empty body). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI baseUri;
    private final Optional<String> apiKey;
    private final HttpClient http;
    private final Map<String, String> headers;

    public TaskerClient(URI baseUri, Optional<String> apiKey) {
        this(baseUri, apiKey, Map.of());
    }

    /** A client that also sends {@code headers} with every request. */
    public TaskerClient(URI baseUri, Optional<String> apiKey, Map<String, String> headers) {
        this.baseUri = baseUri;
        this.apiKey = apiKey;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null).body();
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, "application/json", Json.write(body)).body();
    }

    public JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, "application/json", Json.write(body)).body();
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, null).body();
    }

    /** Sends a request and returns a 2xx answer; anything else is thrown as a {@link ClientException}. */
    public Reply send(String method, String path, String contentType, String body) {
        Reply reply = exchange(method, path, contentType, body);
        if (!reply.ok()) {
            throw failure(reply);
        }
        return reply;
    }

    /** Sends a request and returns whatever the server answered; only an unreachable server is thrown. */
    public Reply exchange(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        apiKey.ifPresent(key -> request.header("X-API-Key", key));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ClientException.unreachable(baseUri.toString(), reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClientException.unreachable(baseUri.toString(), "interrupted", e);
        }
        return new Reply(response.statusCode(), parse(response));
    }

    /**
     * Reads a Server-Sent Events stream: hands each event's {@code data} to {@code onData} until it returns false
     * or the server ends the stream. A non-2xx answer is thrown as a {@link ClientException}.
     */
    public void events(String path, java.util.function.Predicate<String> onData) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .header("Accept", "text/event-stream").GET();
        apiKey.ifPresent(key -> request.header("X-API-Key", key));
        headers.forEach(request::header);
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                    String text = String.join("\n", lines.toList());
                    JsonNode body = text.isBlank() ? Json.MAPPER.nullNode() : parseQuietly(text);
                    throw failure(new Reply(response.statusCode(), body));
                }
                java.util.Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("data:") && !onData.test(line.substring(5).strip())) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw ClientException.unreachable(baseUri.toString(), reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClientException.unreachable(baseUri.toString(), "interrupted", e);
        }
    }

    private static JsonNode parseQuietly(String text) {
        try {
            return Json.parse(text);
        } catch (JsonFormatException e) {
            return Json.MAPPER.nullNode();
        }
    }

    /** The exception for a non-2xx answer, built from the server's {@code {"error", "message"}} body. */
    public ClientException failure(Reply reply) {
        JsonNode body = reply.body();
        String code = body.path("error").asString("http_" + reply.status());
        String message = body.path("message").asString("");
        if (message.isBlank()) {
            message = "the server at " + baseUri + " answered HTTP " + reply.status();
        }
        if (reply.status() == 401 && apiKey.isEmpty()) {
            message += " (give --api-key or set TASKER_API_KEY)";
        }
        List<String> problems = new ArrayList<>();
        body.path("problems").forEach(problem -> problems.add(problem.isObject()
                ? problem.path("path").asString("") + ": " + problem.path("message").asString("")
                : problem.asString()));
        return new ClientException(reply.status(), code, message, problems);
    }

    /** {@code path?name=value&...} with the values URL-encoded; null values are left out. */
    public static String withQuery(String path, Map<String, ?> parameters) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, ?> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null) {
                url.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** One URL path segment, encoded. */
    public static String segment(Object value) {
        return encode(value);
    }

    @Override
    public void close() {
        http.close();
    }

    private JsonNode parse(HttpResponse<String> response) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (JsonFormatException e) {
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                throw new ClientException(response.statusCode(), "invalid_response",
                        "the server at " + baseUri + " did not answer with JSON; is --url a Tasker server?");
            }
            return Json.MAPPER.nullNode();
        }
    }

    private static String reason(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " seconds";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " seconds";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : message.strip().lines().findFirst().orElse(message);
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
