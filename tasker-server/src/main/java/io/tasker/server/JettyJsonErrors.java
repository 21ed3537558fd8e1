package io.tasker.server;

import io.tasker.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors Jetty answers before a request reaches the API (a malformed or ambiguous URI, a bad header) in the API's
 * JSON error format instead of Jetty's HTML page. Nothing of the request is echoed back.
 */
final class JettyJsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (code == 400) {
            // Jetty drops the connection after a request it could not parse; say so, or a client that keeps the
            // connection alive sends its next request into a closed socket.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CONNECTION, "close");
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        ObjectNode json = Json.object();
        if (status == 404) {
            json.put("error", "not_found").put("message", "no such path");
        } else if (status == 413) {
            json.put("error", "payload_too_large").put("message", "the request is larger than the server accepts");
        } else if (status >= 500) {
            json.put("error", "internal_error").put("message", "internal error");
        } else {
            json.put("error", "invalid_request").put("message", "the request could not be understood (HTTP " + status
                    + ")");
        }
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }
}
