package io.tasker.schedule;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.template.TemplateValidator;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A schedule to create: the template (namespace, name, optional version), the cron expression and its time zone,
 * the context of the tasks it starts, and its overlap and catch-up policies (defaults: skip, last). Checked when
 * built: a bad cron, zone or name is an {@link InvalidInputException} naming the field.
 */
public record ScheduleRequest(String namespace, String name, Optional<String> version, CronExpression cron,
                              String timezone, JsonNode context, Overlap overlap, CatchUp catchUp) {

    public static final Overlap DEFAULT_OVERLAP = Overlap.SKIP;
    public static final CatchUp DEFAULT_CATCH_UP = CatchUp.LAST;

    public ScheduleRequest {
        Objects.requireNonNull(cron, "cron");
        if (namespace == null || !TemplateValidator.NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidInputException("namespace must be 1 to 29 characters of a-z, 0-9 and _");
        }
        if (name == null || !TemplateValidator.NAME.matcher(name).matches()) {
            throw new InvalidInputException("name must be a template name (letters, digits, _ . -)");
        }
        version.ifPresent(v -> {
            if (!TemplateValidator.VERSION.matcher(v).matches()) {
                throw new InvalidInputException("version must be a template version (letters, digits, _ . + -)");
            }
        });
        timezone = CronExpression.zone(timezone).getId();
        context = context == null ? Json.object() : context;
        if (!context.isObject()) {
            throw new InvalidInputException("context must be a JSON object");
        }
        overlap = Objects.requireNonNullElse(overlap, DEFAULT_OVERLAP);
        catchUp = Objects.requireNonNullElse(catchUp, DEFAULT_CATCH_UP);
    }

    /** Every tick of {@code cron} (UTC) starts the highest version of the template with an empty context. */
    public static ScheduleRequest of(String namespace, String name, String cron) {
        return new ScheduleRequest(namespace, name, Optional.empty(), CronExpression.parse(cron), "UTC", null,
                null, null);
    }

    public ScheduleRequest withTimezone(String value) {
        return new ScheduleRequest(namespace, name, version, cron, value, context, overlap, catchUp);
    }

    public ScheduleRequest withContext(JsonNode value) {
        return new ScheduleRequest(namespace, name, version, cron, timezone, value, overlap, catchUp);
    }

    public ScheduleRequest withVersion(String value) {
        return new ScheduleRequest(namespace, name, Optional.of(value), cron, timezone, context, overlap, catchUp);
    }

    public ScheduleRequest withOverlap(Overlap value) {
        return new ScheduleRequest(namespace, name, version, cron, timezone, context, value, catchUp);
    }

    public ScheduleRequest withCatchUp(CatchUp value) {
        return new ScheduleRequest(namespace, name, version, cron, timezone, context, overlap, value);
    }
}
