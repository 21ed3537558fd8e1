package io.tasker.server.api;

import io.tasker.Page;
import io.tasker.dlq.DlqEntry;
import io.tasker.dlq.DlqEnums;
import io.tasker.dlq.DlqStats;
import io.tasker.dlq.InvestigationItem;
import io.tasker.dlq.TaskStaleness;
import io.tasker.json.Json;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.store.rows.TaskDlqRow;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON shapes of the dead letter queue endpoints. */
final class DlqViews {

    private DlqViews() {
    }

    /** An entry; with {@code snapshot} the task as it was when the entry opened. */
    static ObjectNode entry(DlqEntry entry, boolean snapshot) {
        TaskDlqRow row = entry.row();
        ObjectNode json = Json.object();
        json.put("dlq_entry_uuid", row.dlqEntryUuid().toString());
        json.put("task_uuid", row.taskUuid().toString());
        json.put("namespace", entry.namespace());
        json.put("task_name", entry.taskName());
        json.put("task_version", entry.taskVersion());
        json.put("original_state", row.originalState());
        json.put("dlq_reason", DlqEnums.dbValue(row.dlqReason()));
        json.put("dlq_timestamp", Views.time(row.dlqTimestamp()));
        json.put("resolution_status", DlqEnums.dbValue(row.resolutionStatus()));
        json.put("resolution_timestamp", Views.time(row.resolutionTimestamp()));
        json.put("resolution_notes", row.resolutionNotes());
        json.put("resolved_by", row.resolvedBy());
        json.set("metadata", Views.nullable(row.metadata()));
        if (snapshot) {
            json.set("task_snapshot", Views.nullable(row.taskSnapshot()));
        }
        json.put("created_at", Views.time(row.createdAt()));
        json.put("updated_at", Views.time(row.updatedAt()));
        return json;
    }

    static ObjectNode page(Page<DlqEntry> page) {
        ObjectNode json = Json.object();
        ArrayNode entries = json.putArray("entries");
        page.items().forEach(entry -> entries.add(entry(entry, false)));
        Views.pagination(json, page);
        return json;
    }

    static ObjectNode stats(DlqStats stats) {
        ObjectNode json = Json.object();
        json.put("total_entries", stats.total());
        json.put("pending", stats.pending());
        json.put("oldest_pending_at", stats.oldestPendingAt().map(Views::time).orElse(null));
        ArrayNode reasons = json.putArray("by_reason");
        for (DlqStats.ReasonCounts counts : stats.byReason()) {
            ObjectNode reason = reasons.addObject();
            reason.put("dlq_reason", DlqEnums.dbValue(counts.reason()));
            reason.put("total_entries", counts.total());
            reason.put("pending", counts.pending());
            reason.put("manually_resolved", counts.manuallyResolved());
            reason.put("permanently_failed", counts.permanentlyFailed());
            reason.put("cancelled", counts.cancelled());
            reason.put("oldest_pending_at", counts.oldestPendingAt().map(Views::time).orElse(null));
            if (counts.averageResolutionMinutes().isPresent()) {
                reason.put("avg_resolution_minutes", counts.averageResolutionMinutes().get());
            } else {
                reason.putNull("avg_resolution_minutes");
            }
        }
        return json;
    }

    static ArrayNode investigationQueue(List<InvestigationItem> items) {
        ArrayNode json = Json.MAPPER.createArrayNode();
        for (InvestigationItem item : items) {
            ObjectNode entry = json.addObject();
            entry.put("dlq_entry_uuid", item.dlqEntryUuid().toString());
            entry.put("task_uuid", item.taskUuid().toString());
            entry.put("dlq_reason", DlqEnums.dbValue(item.reason()));
            entry.put("original_state", item.originalState());
            entry.put("dlq_timestamp", Views.time(item.dlqTimestamp()));
            entry.put("minutes_in_dlq", item.minutesInDlq());
            entry.put("priority", item.priority());
            entry.put("namespace", item.namespace());
            entry.put("task_name", item.taskName());
            entry.put("task_version", item.taskVersion());
            entry.put("correlation_id", Views.text(item.correlationId()));
        }
        return json;
    }

    static ObjectNode staleness(TaskStaleness task) {
        ObjectNode json = Json.object();
        json.put("task_uuid", task.taskUuid().toString());
        json.put("namespace", task.namespace());
        json.put("task_name", task.taskName());
        json.put("task_version", task.taskVersion());
        json.put("current_state", task.state().dbValue());
        json.put("state_entered_at", Views.time(task.stateEnteredAt()));
        json.put("minutes_in_state", task.minutesInState());
        json.put("threshold_minutes", task.thresholdMinutes());
        json.put("task_age_minutes", task.taskAgeMinutes());
        json.put("max_duration_minutes", task.maxDurationMinutes());
        json.put("staleness_percent", task.stalenessPercent());
        json.put("health", task.health());
        json.put("staleness_action", task.stalenessAction());
        json.put("priority", task.priority());
        return json;
    }

    static ArrayNode stalenessList(List<TaskStaleness> tasks) {
        ArrayNode json = Json.MAPPER.createArrayNode();
        tasks.forEach(task -> json.add(staleness(task)));
        return json;
    }

    static ObjectNode detection(StalenessDetector.Round round, boolean dryRun) {
        ObjectNode json = Json.object();
        json.put("dry_run", dryRun);
        ArrayNode findings = json.putArray("findings");
        for (StalenessDetector.Finding finding : round.findings()) {
            ObjectNode item = findings.addObject();
            item.set("task", staleness(finding.task()));
            item.put("dlq_reason", DlqEnums.dbValue(finding.reason()));
            item.put("action", finding.action());
            item.put("applied", finding.applied());
            item.put("dlq_entry_uuid", finding.dlqEntryUuid().map(Object::toString).orElse(null));
        }
        return json;
    }
}
