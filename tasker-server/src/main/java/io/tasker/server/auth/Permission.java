package io.tasker.server.auth;

import static io.tasker.identity.BuiltInRole.DEVELOPER;
import static io.tasker.identity.BuiltInRole.OPERATOR;
import static io.tasker.identity.BuiltInRole.VIEWER;
import static io.tasker.identity.BuiltInRole.WORKER;

import io.javalin.security.RouteRole;
import io.tasker.identity.BuiltInRole;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API caller may do; each endpoint needs one. Each permission names the built-in roles that grant it
 * ({@code admin} grants every one); custom roles grant the codes stored for them. A new layer adds its permissions
 * here, with the built-in roles that get them. {@code *} in configuration grants them all.
 */
public enum Permission implements RouteRole {
    TASKS_CREATE("tasks:create", OPERATOR, DEVELOPER),
    TASKS_READ("tasks:read", OPERATOR, DEVELOPER, VIEWER),
    TASKS_CANCEL("tasks:cancel", OPERATOR, DEVELOPER),
    /** Send a signal to a task's waiting (or future) signal step. */
    TASKS_SIGNAL("tasks:signal", OPERATOR, DEVELOPER),
    SCHEDULES_READ("schedules:read", OPERATOR, DEVELOPER, VIEWER),
    /** Create, pause, resume and delete cron schedules of templates. */
    SCHEDULES_WRITE("schedules:write", OPERATOR, DEVELOPER),
    STEPS_RESOLVE("steps:resolve", OPERATOR),
    TEMPLATES_READ("templates:read", OPERATOR, DEVELOPER, VIEWER),
    TEMPLATES_WRITE("templates:write", DEVELOPER),
    WORKERS_CLAIM("workers:claim", WORKER),
    DLQ_READ("dlq:read", OPERATOR, VIEWER),
    DLQ_WRITE("dlq:write", OPERATOR),
    ANALYTICS_READ("analytics:read", OPERATOR, VIEWER),
    SYSTEM_READ("system:read", OPERATOR, VIEWER),
    /** Read DAGs, their versions and jobs, datasets, partitions and runs. */
    DATA_READ("data:read", OPERATOR, DEVELOPER, VIEWER),
    /** Deploy DAG versions and activate (cut over to, roll back to) a version. */
    DATA_WRITE("data:write", DEVELOPER),
    /** Start manual runs and backfills of data jobs. */
    DATA_RUN("data:run", OPERATOR, DEVELOPER),
    /** Query published datasets with SQL. */
    DATA_QUERY("data:query", OPERATOR, DEVELOPER, VIEWER),
    /** Read the board: tasks, ready work, context, the caller's own notifications (reading them marks them read). */
    BOARD_READ("board:read", OPERATOR, DEVELOPER, VIEWER, WORKER),
    /** Create, claim, complete and change board tasks; share context. */
    BOARD_WRITE("board:write", OPERATOR, DEVELOPER, WORKER),
    /** See the outbox of completion webhooks and domain events (installation-wide: default org callers). */
    DELIVERIES_READ("deliveries:read", OPERATOR, VIEWER),
    /** Retry a dead delivery. */
    DELIVERIES_WRITE("deliveries:write", OPERATOR),
    /** Read the org's users, roles, keys and audit trail. */
    ADMIN_READ("admin:read"),
    /** Create and change the org's users, roles and keys. */
    ADMIN_WRITE("admin:write"),
    /** Create and list orgs, and administer any org: only the admins of the default org hold it. */
    ORGS_MANAGE("orgs:manage");

    private final String code;
    private final Set<BuiltInRole> grantedTo;

    Permission(String code, BuiltInRole... grantedTo) {
        this.code = code;
        this.grantedTo = EnumSet.of(BuiltInRole.ADMIN, grantedTo);
    }

    /** The name used in configuration, tokens and custom roles, e.g. {@code tasks:create}. */
    public String code() {
        return code;
    }

    /** The built-in roles that grant this permission (always including {@code admin}). */
    public Set<BuiltInRole> grantedTo() {
        return grantedTo;
    }

    public static Optional<Permission> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** What a built-in role grants. */
    public static Set<Permission> grantedBy(BuiltInRole role) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Permission permission : values()) {
            if (permission.grantedTo.contains(role)) {
                granted.add(permission);
            }
        }
        return granted;
    }

    /** Every permission code, for validating custom roles. */
    public static Set<String> codes() {
        return Arrays.stream(values()).map(Permission::code).collect(Collectors.toUnmodifiableSet());
    }
}
