package io.tasker.server;

import io.tasker.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A real HTTP client for the tests: every test talks to a started server over a socket. */
public final class ApiClient {

    /** A response: status, body text, and the body as JSON when it is JSON. */
    public record Response(int status, String body, Map<String, String> headers) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public ApiClient with(String header, String value) {
        ApiClient copy = new ApiClient(baseUrl);
        copy.headers.putAll(headers);
        copy.headers.put(header, value);
        return copy;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object json) {
        return send("POST", path, "application/json", json instanceof String s ? s : Json.write(Json.toTree(json)));
    }

    public Response patch(String path, Object json) {
        return send("PATCH", path, "application/json", json instanceof String s ? s : Json.write(Json.toTree(json)));
    }

    public Response send(String method, String path, String contentType, String body) {
        return sendBytes(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the body's bytes as they are (e.g. bytes that are not UTF-8). */
    public Response sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(90));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values.get(0)));
            return new Response(response.statusCode(), response.body(), responseHeaders);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
