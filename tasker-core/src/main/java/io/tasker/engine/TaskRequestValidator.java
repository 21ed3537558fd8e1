package io.tasker.engine;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.json.StorableJson;
import io.tasker.task.PayloadTooLargeException;
import io.tasker.task.TaskRequest;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.TemplateValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks a {@link TaskRequest} field by field before anything is written; messages name the field. */
public final class TaskRequestValidator {

    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 128;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final int maxContextBytes;

    public TaskRequestValidator(int maxContextBytes) {
        this.maxContextBytes = maxContextBytes;
    }

    /** Checks what can be checked without the template (names, sizes, ranges). */
    public void checkShape(TaskRequest request) {
        if (!TemplateValidator.NAMESPACE.matcher(request.namespace()).matches()) {
            throw new InvalidInputException("namespace: must be 1 to 29 characters of a-z, 0-9 and _");
        }
        if (!TemplateValidator.NAME.matcher(request.name()).matches()) {
            throw new InvalidInputException("name: must be 1 to 64 characters of letters, digits, _ . -");
        }
        request.version().ifPresent(version -> {
            if (!TemplateValidator.VERSION.matcher(version).matches()) {
                throw new InvalidInputException("version: must be 1 to 32 characters of letters, digits, _ . + -");
            }
        });
        if (!request.context().isObject()) {
            throw new InvalidInputException("context: must be a JSON object");
        }
        StorableJson.problem(request.context(), "context").ifPresent(problem -> {
            throw new InvalidInputException(problem.message());
        });
        int size = Json.write(request.context()).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxContextBytes) {
            throw new PayloadTooLargeException("context: " + size + " bytes is more than the limit of "
                    + maxContextBytes + " bytes");
        }
        if (request.priority() < -100 || request.priority() > 100) {
            throw new InvalidInputException("priority: must be between -100 and 100, got " + request.priority());
        }
        request.onCompleteUrl().ifPresent(url -> {
            if (!io.tasker.template.WebhookUrl.isValid(url)) {
                throw new InvalidInputException("on_complete.url: must be an http or https URL of at most 2048 "
                        + "characters");
            }
        });
        text("initiator", request.initiator());
        text("source_system", request.sourceSystem());
        text("reason", request.reason());
        checkTags(request.tags());
        request.idempotencyKey().ifPresent(key -> {
            if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
                throw new InvalidInputException("idempotency_key: must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                        + " characters");
            }
            noNul("idempotency_key", key);
        });
    }

    /** Validates the context against the template's input schema, if it has one. */
    public void checkContext(TaskRequest request, RegisteredTemplate template) {
        template.inputSchema().ifPresent(schema -> {
            List<String> violations = schema.violations(request.context());
            if (!violations.isEmpty()) {
                throw new InvalidInputException("context: does not match the input_schema of template "
                        + template.key() + ": " + String.join("; ", violations));
            }
        });
    }

    private static void text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException(field + ": must be 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        noNul(field, value);
    }

    /** PostgreSQL refuses NUL in text: refused here by name rather than by the database as an error. */
    private static void noNul(String field, String value) {
        StorableJson.text(value, field).ifPresent(problem -> {
            throw new InvalidInputException(problem.message());
        });
    }

    private static void checkTags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags: at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("tags: each tag must be 1 to " + MAX_TAG_LENGTH + " characters");
            }
            noNul("tags", tag);
        }
    }
}
