package io.tasker.analytics;

import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Tx;
import io.tasker.template.TemplateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Inserts the seeds: templates, tasks, steps and their transitions (the audit trigger adds the results). */
final class AnalyticsDataWriter {

    private final Tx tx;
    private final Map<String, UUID> namedSteps = new LinkedHashMap<>();
    private final Map<TemplateKey, UUID> namedTasks = new LinkedHashMap<>();

    AnalyticsDataWriter(Tx tx) {
        this.tx = tx;
    }

    void write(AnalyticsDataSet data) {
        templates();
        List<Object[]> taskRows = new ArrayList<>();
        List<Object[]> taskTransitions = new ArrayList<>();
        List<Object[]> stepRows = new ArrayList<>();
        List<Object[]> stepTransitions = new ArrayList<>();
        for (AnalyticsDataSet.TaskSeed task : data.tasks()) {
            taskRows.add(new Object[] {task.uuid(), namedTasks.get(task.template()),
                    task.state() == TaskState.COMPLETE, task.createdAt(), task.completedAt(),
                    task.uuid().toString(), task.createdAt(), task.createdAt()});
            taskTransitions.add(new Object[] {task.uuid(), null, "pending", 0,
                    task.state() == TaskState.PENDING, task.createdAt()});
            if (task.state() != TaskState.PENDING) {
                Instant at = task.completedAt() != null ? task.completedAt() : task.createdAt().plusMillis(1);
                taskTransitions.add(new Object[] {task.uuid(), "pending", task.state().dbValue(), 1, true, at});
            }
            for (AnalyticsDataSet.StepSeed step : task.steps()) {
                boolean leased = step.state() == StepState.IN_PROGRESS;
                stepRows.add(new Object[] {step.uuid(), task.uuid(), namedSteps.get(step.name()), AnalyticsDataSet.MAX_ATTEMPTS,
                        step.attempts(), step.state().dbValue(), task.template().namespace(), step.enqueuedAt(),
                        leased ? Ids.next() : null, leased ? data.now().plus(Duration.ofDays(1)) : null,
                        leased ? "analytics-test" : null, leased, step.state() == StepState.COMPLETE,
                        task.createdAt(), task.createdAt()});
                stepTransitions.addAll(transitions(task, step));
            }
        }
        tx.batch("""
                INSERT INTO tasker.tasks (task_uuid, named_task_uuid, complete, requested_at, completed_at,
                    identity_hash, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", taskRows);
        tx.batch("""
                INSERT INTO tasker.task_transitions (task_uuid, from_state, to_state, sort_key, most_recent,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", taskTransitions);
        tx.batch("""
                INSERT INTO tasker.workflow_steps (workflow_step_uuid, task_uuid, named_step_uuid, max_attempts,
                    attempts, current_state, namespace_name, enqueued_at, lease_token, lease_expires_at,
                    claimed_by, in_process, processed, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", stepRows);
        tx.batch("""
                INSERT INTO tasker.workflow_step_transitions (workflow_step_uuid, from_state, to_state, sort_key,
                    most_recent, metadata, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", stepTransitions);
        tx.update("""
                INSERT INTO tasker.tasks_dlq (task_uuid, original_state, dlq_reason, resolution_status,
                    dlq_timestamp)
                VALUES (?, 'waiting_for_retry', 'staleness_timeout', 'pending', ?),
                       (?, 'error', 'max_retries_exceeded', 'manually_resolved', ?)""",
                data.oldTask(), data.now().minus(Duration.ofHours(1)), data.errorTaskWithResolvedDlqEntry(),
                data.now().minus(Duration.ofHours(3)));
    }

    private void templates() {
        Map<String, UUID> namespaces = new LinkedHashMap<>();
        for (TemplateKey template : List.of(AnalyticsDataSet.CHECKOUT_V1, AnalyticsDataSet.CHECKOUT_V2,
                AnalyticsDataSet.NIGHTLY)) {
            UUID namespace = namespaces.computeIfAbsent(template.namespace(), name -> {
                UUID uuid = Ids.next();
                tx.update("INSERT INTO tasker.task_namespaces (task_namespace_uuid, name) VALUES (?, ?)", uuid,
                        name);
                return uuid;
            });
            UUID namedTask = Ids.next();
            tx.update("""
                    INSERT INTO tasker.named_tasks (named_task_uuid, task_namespace_uuid, name, version)
                    VALUES (?, ?, ?, ?)""", namedTask, namespace, template.name(), template.version());
            namedTasks.put(template, namedTask);
            for (String step : AnalyticsDataSet.stepNames(template)) {
                namedSteps.computeIfAbsent(step, name -> {
                    UUID uuid = Ids.next();
                    tx.update("INSERT INTO tasker.named_steps (named_step_uuid, name) VALUES (?, ?)", uuid, name);
                    return uuid;
                });
            }
        }
    }

    /**
     * pending, then per result its recording transition (an attempt's outcome to enqueued_(as_error_)for_
     * orchestration with its execution time; an operator's completion from error to complete), then the
     * step's current state. Only the last is most_recent.
     */
    private static List<Object[]> transitions(AnalyticsDataSet.TaskSeed task, AnalyticsDataSet.StepSeed step) {
        List<Object[]> rows = new ArrayList<>();
        String last = "pending";
        Instant at = task.createdAt();
        rows.add(new Object[] {step.uuid(), null, last, 0, false, Json.object(), at, at});
        for (AnalyticsDataSet.Result result : step.results()) {
            if (result.executionMs() != null) {
                String to = result.success() ? "enqueued_for_orchestration" : "enqueued_as_error_for_orchestration";
                rows.add(new Object[] {step.uuid(), "in_progress", to, rows.size(), false,
                        Json.object().put("execution_time_ms", result.executionMs()), result.at(), result.at()});
                last = to;
            } else {
                rows.add(new Object[] {step.uuid(), last, "error", rows.size(), false, Json.object(),
                        result.at().minusMillis(1), result.at().minusMillis(1)});
                rows.add(new Object[] {step.uuid(), "error", "complete", rows.size(), false,
                        Json.object().put("actor", "ops"), result.at(), result.at()});
                last = "complete";
            }
            at = result.at();
        }
        if (!last.equals(step.state().dbValue())) {
            Instant enteredAt = step.enqueuedAt() != null ? step.enqueuedAt() : at.plusMillis(1);
            rows.add(new Object[] {step.uuid(), last, step.state().dbValue(), rows.size(), false, Json.object(),
                    enteredAt, enteredAt});
        }
        rows.getLast()[4] = true;
        return rows;
    }
}
