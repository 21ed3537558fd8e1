package io.tasker.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tasker.ConflictException;
import io.tasker.data.dag.DagValidationException;
import io.tasker.data.dataset.DatasetForbiddenException;
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
    private static final String ANSWERED = "tasker.error.answered";

    private ApiErrors() {
    }

    /**
     * Routes every exception here, and answers in the same format what Javalin and Jetty answer themselves: no
     * route (404, also for clients that accept JSON), a body over the limit (413), a wrong method (405), a body that
     * stopped arriving (408).
     */
    public static void register(RoutesConfig routes, long maxRequestBytes) {
        routes.exception(Exception.class, ApiErrors::handle);
        routes.error(404, ctx -> {
            if (!answered(ctx)) {
                handle(new ApiException(404, "not_found", "no such path"), ctx);
            }
        });
        routes.error(413, ctx -> {
            if (!answered(ctx)) {
                handle(new ApiException(413, "payload_too_large", "the request body is larger than "
                        + maxRequestBytes + " bytes"), ctx);
            }
        });
        routes.error(405, ctx -> handle(new ApiException(405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path()), ctx));
        routes.error(408, ctx -> handle(new ApiException(408, "request_timeout",
                "the request body did not arrive in time"), ctx));
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
            case DagValidationException e -> {
                error(body, 400, "invalid_dag", e.getMessage());
                body.put("field", e.problems().isEmpty() ? "" : e.problems().get(0).path());
                var problems = body.putArray("problems");
                e.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
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
            case DatasetForbiddenException e -> error(body, 403, "forbidden", e.getMessage());
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
        if (status == 503 && ctx.res().getHeader("Retry-After") == null) {
            ctx.header("Retry-After", "2");
        }
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** Whether this request's error body is already ours (else Javalin's own 404 or 413 body would go out). */
    public static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
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

    /**
     * Connection exceptions (class 08), and the server shutting down or crashing under an open connection (57P01
     * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now): the database is away, not the request wrong.
     */
    private static boolean isConnectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }

    private static boolean isDatabaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof DataAccessException data && isConnectionLost(data.sqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
