package io.tasker.server.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.db.DatabaseException;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.server.auth.AuthenticationException;
import io.tasker.state.IllegalTransitionException;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.task.DuplicateTaskException;
import io.tasker.task.PayloadTooLargeException;
import io.tasker.template.TemplateValidationException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one table from exceptions to HTTP responses. Every error is {@code {"error": code, "message": ...}}; SQL text
 * and stack traces stay in the server log (an unexpected error logs them under a reference the client sees).
 */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void handle(Exception failure, Context ctx) {
        ObjectNode body = Json.object();
        int status = switch (failure) {
            case AuthenticationException e -> e.isForbidden() ? error(body, 403, "forbidden", e.getMessage())
                    : error(body, 401, "unauthorized", e.getMessage());
            case ApiException e -> error(body, e.status(), e.code(), e.getMessage());
            case PayloadTooLargeException e -> error(body, 413, "payload_too_large", e.getMessage());
            case TemplateValidationException e -> {
                error(body, 400, "invalid_template", e.getMessage());
                e.problems().forEach(body.putArray("problems")::add);
                yield 400;
            }
            case FieldException e -> {
                error(body, 400, "invalid_request", e.getMessage());
                body.put("field", e.field());
                yield 400;
            }
            case InvalidInputException e -> error(body, 400, "invalid_request", e.getMessage());
            case JsonFormatException e -> error(body, 400, "invalid_request", e.getMessage());
            case NotFoundException e -> error(body, 404, "not_found", e.getMessage());
            case DuplicateTaskException e -> {
                error(body, 409, "conflict", e.getMessage());
                body.put("existing_task_uuid", e.existingTaskUuid().toString());
                yield 409;
            }
            case io.tasker.board.BoardConflictException e -> {
                error(body, 409, "conflict", e.getMessage());
                e.holder().ifPresent(holder -> body.put("holder", holder));
                if (!e.cycle().isEmpty()) {
                    e.cycle().forEach(body.putArray("cycle")::add);
                }
                yield 409;
            }
            case ConflictException e -> error(body, 409, "conflict", e.getMessage());
            case IllegalTransitionException e -> error(body, 409, "conflict", e.getMessage());
            case HttpResponseException e -> fromJavalin(body, e);
            default -> unavailableOrInternal(body, failure);
        };
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static int error(ObjectNode body, int status, String code, String message) {
        body.put("error", code);
        body.put("message", message == null ? code : message);
        return status;
    }

    private static int fromJavalin(ObjectNode body, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> error(body, 413, "payload_too_large", "the request body is larger than the server accepts");
            case 404 -> error(body, 404, "not_found", "no such path");
            case 405 -> error(body, 405, "method_not_allowed", "method not allowed for this path");
            default -> e.getStatus() >= 500 ? error(body, 500, "internal_error", "internal error")
                    : error(body, e.getStatus(), "invalid_request", "the request could not be handled");
        };
    }

    private static int unavailableOrInternal(ObjectNode body, Exception failure) {
        if (isDatabaseDown(failure)) {
            log.warn("Database unavailable while handling a request: {}", failure.getMessage());
            return error(body, 503, "service_unavailable", "the database is unavailable; try again shortly");
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error (reference {})", reference, failure);
        return error(body, 500, "internal_error", "internal error (reference " + reference + " in the server log)");
    }

    private static boolean isDatabaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof DataAccessException data && data.sqlState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
