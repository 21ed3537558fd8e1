package io.tasker.server.auth;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/** What an API caller may do; each endpoint needs one. {@code *} in configuration grants them all. */
public enum Permission implements RouteRole {
    TASKS_CREATE("tasks:create"),
    TASKS_READ("tasks:read"),
    TASKS_CANCEL("tasks:cancel"),
    STEPS_RESOLVE("steps:resolve"),
    TEMPLATES_READ("templates:read"),
    TEMPLATES_WRITE("templates:write"),
    WORKERS_CLAIM("workers:claim"),
    DLQ_READ("dlq:read"),
    DLQ_WRITE("dlq:write"),
    ANALYTICS_READ("analytics:read"),
    SYSTEM_READ("system:read");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    /** The name used in configuration and tokens, e.g. {@code tasks:create}. */
    public String code() {
        return code;
    }

    public static Optional<Permission> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
