package io.tasker.server.api;

import io.tasker.Page;
import io.tasker.json.Json;
import io.tasker.store.rows.TaskRow;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.AuditEntry;
import io.tasker.task.ExecutionContext;
import io.tasker.task.StepDetail;
import io.tasker.task.TaskView;
import io.tasker.template.StepTemplate;
import io.tasker.template.TaskTemplate;
import io.tasker.template.TemplateJson;
import io.tasker.worker.ExternalWorkers;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON shapes of the API (see docs/api.md), built from the engine's records. */
public final class Views {

    private Views() {
    }

    public static ObjectNode taskSummary(TaskView task) {
        TaskRow row = task.row();
        ObjectNode json = Json.object();
        json.put("task_uuid", row.taskUuid().toString());
        json.put("namespace", task.template().namespace());
        json.put("name", task.template().name());
        json.put("version", task.template().version());
        json.put("status", task.state().dbValue());
        json.put("complete", row.complete());
        json.put("priority", row.priority());
        json.put("initiator", row.initiator());
        json.put("source_system", row.sourceSystem());
        json.put("reason", row.reason());
        json.set("tags", row.tags() == null ? Json.MAPPER.createArrayNode() : row.tags());
        json.put("correlation_id", text(row.correlationId()));
        json.put("parent_correlation_id", text(row.parentCorrelationId()));
        json.put("created_at", time(row.createdAt()));
        json.put("updated_at", time(row.updatedAt()));
        json.put("completed_at", time(row.completedAt()));
        return json;
    }

    public static ObjectNode taskDetail(TaskView task, ExecutionContext context, List<StepDetail> steps) {
        ObjectNode json = taskSummary(task);
        json.set("context", task.row().context() == null ? Json.object() : task.row().context());
        json.put("requested_at", time(task.row().requestedAt()));
        json.put("total_steps", context.totalSteps());
        json.put("pending_steps", context.pendingSteps());
        json.put("enqueued_steps", context.enqueuedSteps());
        json.put("in_progress_steps", context.inProgressSteps());
        json.put("completed_steps", context.completedSteps());
        json.put("failed_steps", context.failedSteps());
        json.put("ready_steps", context.readySteps());
        json.put("execution_status", context.executionStatus());
        json.put("recommended_action", context.recommendedAction());
        json.put("completion_percentage", context.completionPercentage());
        json.put("health_status", context.healthStatus());
        ArrayNode stepsJson = json.putArray("steps");
        steps.forEach(step -> stepsJson.add(step(step)));
        return json;
    }

    public static ObjectNode taskPage(Page<TaskView> page) {
        ObjectNode json = Json.object();
        ArrayNode tasks = json.putArray("tasks");
        page.items().forEach(task -> tasks.add(taskSummary(task)));
        pagination(json, page);
        return json;
    }

    /** The {@code pagination} object every listing has. */
    static void pagination(ObjectNode json, Page<?> page) {
        ObjectNode pagination = json.putObject("pagination");
        pagination.put("page", page.page());
        pagination.put("per_page", page.perPage());
        pagination.put("total_count", page.totalCount());
        pagination.put("total_pages", page.totalPages());
        pagination.put("has_next", page.hasNext());
        pagination.put("has_previous", page.hasPrevious());
    }

    public static ObjectNode step(StepDetail step) {
        WorkflowStepRow row = step.row();
        ObjectNode json = Json.object();
        json.put("step_uuid", row.workflowStepUuid().toString());
        json.put("task_uuid", row.taskUuid().toString());
        json.put("name", step.name());
        json.put("current_state", row.currentState());
        ArrayNode dependsOn = json.putArray("depends_on");
        step.dependsOn().forEach(dependsOn::add);
        ArrayNode waitsFor = json.putArray("waits_for");
        step.waitsFor().forEach(waitsFor::add);
        json.put("attempts", row.attempts());
        json.put("max_attempts", row.maxAttempts());
        json.put("retryable", row.retryable());
        json.put("dependencies_satisfied", step.dependenciesSatisfied());
        json.put("retry_eligible", step.retryEligible());
        json.put("ready_for_execution", step.readyForExecution());
        json.put("total_parents", step.totalParents());
        json.put("completed_parents", step.completedParents());
        json.set("results", nullable(row.results()));
        json.set("last_error", lastError(row));
        json.set("checkpoint", nullable(row.checkpoint()));
        json.put("last_attempted_at", time(row.lastAttemptedAt()));
        json.put("last_failure_at", time(step.lastFailureAt()));
        json.put("next_retry_at", time(step.nextRetryAt()));
        if (row.backoffRequestSeconds() == null) {
            json.putNull("backoff_request_seconds");
        } else {
            json.put("backoff_request_seconds", row.backoffRequestSeconds());
        }
        json.put("claimed_by", row.claimedBy());
        json.put("lease_expires_at", time(row.leaseExpiresAt()));
        json.put("created_at", time(row.createdAt()));
        json.put("updated_at", time(row.updatedAt()));
        json.put("completed_at", time(row.processedAt()));
        return json;
    }

    /**
     * The error of the step's last failed attempt while the step has no result since: a failed step keeps it in
     * {@code results.error}; a completed or resolved step has none.
     */
    private static JsonNode lastError(WorkflowStepRow row) {
        JsonNode error = row.results() == null ? null : row.results().get("error");
        boolean done = row.currentState().equals("complete") || row.currentState().equals("resolved_manually");
        return error != null && error.isObject() && !done ? error : NullNode.getInstance();
    }

    public static ObjectNode audit(AuditEntry entry) {
        ObjectNode json = Json.object();
        var result = entry.result();
        json.put("audit_uuid", result.map(r -> r.workflowStepResultAuditUuid().toString()).orElse(null));
        json.put("workflow_step_uuid", entry.stepUuid().toString());
        json.put("transition_uuid", entry.transitionUuid().toString());
        json.put("task_uuid", entry.taskUuid().toString());
        json.put("step_name", entry.stepName());
        json.put("recorded_at", time(result.map(r -> r.recordedAt()).orElse(entry.recordedAt())));
        json.put("worker_uuid", result.map(r -> text(r.workerUuid())).orElse(null));
        json.put("correlation_id", text(result.map(r -> r.correlationId()).orElse(entry.correlationId())));
        if (result.isPresent()) {
            json.put("success", result.get().success());
        } else {
            json.putNull("success");
        }
        if (result.isEmpty() || result.get().executionTimeMs() == null) {
            json.putNull("execution_time_ms");
        } else {
            json.put("execution_time_ms", result.get().executionTimeMs());
        }
        json.put("from_state", entry.fromState());
        json.put("to_state", entry.toState());
        JsonNode metadata = entry.transitionMetadata() == null ? Json.object() : entry.transitionMetadata();
        json.set("attempt", field(metadata, "attempt"));
        json.set("error", field(metadata, "error"));
        json.set("actor", field(metadata, "actor"));
        json.set("reason", field(metadata, "reason"));
        json.set("action", metadata.has("actor") ? field(metadata, "event") : NullNode.getInstance());
        return json;
    }

    private static JsonNode field(JsonNode metadata, String name) {
        return metadata.path(name).isMissingNode() ? NullNode.getInstance() : metadata.get(name);
    }

    public static ObjectNode stepTransition(WorkflowStepTransitionRow row) {
        ObjectNode json = Json.object();
        json.put("transition_uuid", row.workflowStepTransitionUuid().toString());
        json.put("from_state", row.fromState());
        json.put("to_state", row.toState());
        json.put("at", time(row.createdAt()));
        json.put("most_recent", row.mostRecent());
        json.set("metadata", row.metadata() == null ? Json.object() : row.metadata());
        return json;
    }

    /** A template as every endpoint shows it (registered or only validated): {@code namespace}, not the file's key. */
    public static ObjectNode templateSummary(TaskTemplate template) {
        ObjectNode json = Json.object();
        json.put("namespace", template.key().namespace());
        json.put("name", template.key().name());
        json.put("version", template.key().version());
        json.put("description", template.description().orElse(null));
        json.put("step_count", template.steps().size());
        return json;
    }

    public static ObjectNode templateDetail(TaskTemplate template) {
        ObjectNode json = templateSummary(template);
        json.set("configuration", TemplateJson.toJson(template));
        ArrayNode steps = json.putArray("steps");
        for (StepTemplate step : template.steps()) {
            ObjectNode s = steps.addObject();
            s.put("name", step.name());
            s.put("description", step.description().orElse(null));
            s.put("type", step.type().yamlName());
            ArrayNode dependencies = s.putArray("dependencies");
            step.dependencies().forEach(dependencies::add);
            s.put("handler", step.handler().callable());
            s.put("default_retryable", step.retry().retryable());
            s.put("default_max_attempts", step.retry().maxAttempts());
        }
        return json;
    }

    public static ObjectNode claim(ExternalWorkers.ExternalClaim external) {
        var claim = external.claim();
        ObjectNode json = Json.object();
        json.put("step_uuid", claim.stepUuid().toString());
        json.put("task_uuid", claim.taskUuid().toString());
        json.put("step_name", claim.stepName());
        json.put("namespace", claim.namespace());
        json.put("task_name", external.taskName());
        json.put("task_version", external.taskVersion());
        json.put("attempt", claim.attempt());
        json.put("max_attempts", claim.maxAttempts());
        json.put("is_last_attempt", claim.isLastAttempt());
        json.put("lease_token", claim.leaseToken().toString());
        json.put("lease_expires_at", time(claim.leaseExpiresAt()));
        if (external.timeout().isPresent()) {
            json.put("timeout_seconds", external.timeout().get().toSeconds());
        } else {
            json.putNull("timeout_seconds");
        }
        json.put("timeout_at", external.timeoutAt().map(Views::time).orElse(null));
        json.set("context", claim.taskContext());
        json.set("initialization", external.initialization());
        json.set("inputs", claim.inputs() == null ? Json.object() : claim.inputs());
        ObjectNode dependencies = json.putObject("dependency_results");
        claim.dependencyResults().forEach(dependencies::set);
        json.set("checkpoint", nullable(claim.checkpoint()));
        return json;
    }

    static String time(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC).toString();
    }

    /** ISO-8601 UTC at most to the microsecond, as PostgreSQL stores times. */
    static String time(Instant value) {
        return value == null ? null : value.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    static String text(UUID value) {
        return value == null ? null : value.toString();
    }

    static JsonNode nullable(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }
}
