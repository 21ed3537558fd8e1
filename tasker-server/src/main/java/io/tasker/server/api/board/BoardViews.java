package io.tasker.server.api.board;

import io.tasker.board.AuditRecord;
import io.tasker.board.BoardExport;
import io.tasker.board.BoardStats;
import io.tasker.board.BoardTask;
import io.tasker.board.ContextEntry;
import io.tasker.board.DependencyTree;
import io.tasker.board.FileRef;
import io.tasker.board.FileRefs;
import io.tasker.board.Notification;
import io.tasker.board.TaskDetail;
import io.tasker.board.TaskStatus;
import io.tasker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The board's JSON: snake_case fields, ISO-8601 times, absent values as null. */
final class BoardViews {

    private BoardViews() {
    }

    static ObjectNode task(BoardTask task) {
        ObjectNode json = Json.object();
        json.put("id", task.id());
        json.put("title", task.title());
        json.put("description", task.description().orElse(null));
        json.put("status", task.status().dbValue());
        json.put("priority", task.priority().dbValue());
        json.put("assignee", task.assignee().orElse(null));
        json.put("role", task.role().orElse(null));
        json.put("created_by", task.createdBy());
        json.put("claimed_by", task.claimedBy().orElse(null));
        json.put("lease_expires_at", time(task.leaseExpires()));
        json.put("summary", task.summary().orElse(null));
        json.put("created_at", task.createdAt().toString());
        json.put("updated_at", task.updatedAt().toString());
        json.put("completed_at", time(task.completedAt()));
        return json;
    }

    static ObjectNode detail(TaskDetail detail) {
        ObjectNode json = task(detail.task());
        ArrayNode upstream = json.putArray("depends_on");
        detail.dependsOn().forEach(link -> upstream.add(link(link)));
        ArrayNode downstream = json.putArray("dependents");
        detail.dependents().forEach(link -> downstream.add(link(link)));
        ArrayNode files = json.putArray("files");
        detail.files().forEach(file -> files.add(file(file)));
        ArrayNode participants = json.putArray("participants");
        detail.participants().forEach(participants::add);
        return json;
    }

    static ObjectNode file(FileRef file) {
        ObjectNode json = Json.object();
        json.put("path", file.path());
        json.put("line_start", file.lineStart().isPresent() ? file.lineStart().getAsInt() : null);
        json.put("line_end", file.lineEnd().isPresent() ? file.lineEnd().getAsInt() : null);
        json.put("context", file.context().orElse(null));
        json.put("spec", file.spec());
        return json;
    }

    static ObjectNode conflict(FileRefs.Conflict conflict) {
        ObjectNode json = Json.object();
        json.put("task_id", conflict.taskId());
        json.put("title", conflict.title());
        json.put("claimed_by", conflict.claimedBy().orElse(null));
        json.set("theirs", file(conflict.theirs()));
        json.set("ours", file(conflict.ours()));
        return json;
    }

    static ObjectNode notification(Notification n) {
        ObjectNode json = Json.object();
        json.put("id", n.id());
        json.put("type", n.type().dbValue());
        json.put("task_id", n.taskId().orElse(null));
        json.put("message", n.message());
        json.put("from", n.from());
        json.put("broadcast", n.broadcast());
        json.put("created_at", n.createdAt().toString());
        return json;
    }

    static ObjectNode context(ContextEntry entry) {
        ObjectNode json = Json.object();
        json.put("id", entry.id());
        json.put("task_id", entry.taskId());
        json.put("agent", entry.agent());
        json.put("type", entry.type().dbValue());
        json.put("content", entry.content());
        json.put("request_id", entry.requestId().orElse(null));
        json.put("created_at", entry.createdAt().toString());
        return json;
    }

    static ObjectNode audit(AuditRecord record) {
        ObjectNode json = Json.object();
        json.put("id", record.id());
        json.put("entity_type", record.entityType());
        json.put("entity_id", record.entityId());
        json.put("action", record.action());
        json.put("agent", record.agent());
        json.put("user_id", record.user().map(Object::toString).orElse(null));
        json.set("changes", record.changes());
        json.put("at", record.at().toString());
        return json;
    }

    static ObjectNode tree(DependencyTree tree) {
        ObjectNode json = Json.object();
        json.put("id", tree.id());
        json.put("title", tree.title());
        json.put("status", tree.status().dbValue());
        json.put("repeated", tree.repeated());
        ArrayNode children = json.putArray("children");
        tree.children().forEach(child -> children.add(tree(child)));
        return json;
    }

    static ObjectNode stats(BoardStats stats) {
        ObjectNode json = Json.object();
        ObjectNode byStatus = json.putObject("by_status");
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status.dbValue(), stats.byStatus().getOrDefault(status, 0L));
        }
        json.put("ready", stats.ready());
        json.put("unread", stats.unread());
        return json;
    }

    static ObjectNode export(BoardExport export) {
        ObjectNode json = Json.object();
        ArrayNode tasks = json.putArray("tasks");
        export.tasks().forEach(detail -> {
            ObjectNode task = detail(detail);
            ArrayNode entries = task.putArray("context");
            export.context().getOrDefault(detail.task().id(), List.of()).forEach(e -> entries.add(context(e)));
            tasks.add(task);
        });
        return json;
    }

    static <T> ObjectNode list(String field, List<T> items, Function<T, ObjectNode> view) {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray(field);
        items.forEach(item -> array.add(view.apply(item)));
        json.put("count", items.size());
        return json;
    }

    private static ObjectNode link(TaskDetail.Link link) {
        ObjectNode json = Json.object();
        json.put("id", link.id());
        json.put("title", link.title());
        json.put("status", link.status().dbValue());
        return json;
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
