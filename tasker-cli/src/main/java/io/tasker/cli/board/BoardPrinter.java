package io.tasker.cli.board;

import io.tasker.cli.client.Table;
import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** How board answers read in a terminal. */
final class BoardPrinter {

    private BoardPrinter() {
    }

    static void tasks(PrintWriter out, JsonNode tasks) {
        Table table = new Table("id", "status", "priority", "assignee", "claimed by", "title");
        tasks.forEach(t -> table.row(t.path("id").asString(), t.path("status").asString(),
                t.path("priority").asString(), text(t, "assignee"), text(t, "claimed_by"), t.path("title").asString()));
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.printf("%d task%s%n", tasks.size(), tasks.size() == 1 ? "" : "s");
    }

    static void task(PrintWriter out, JsonNode t) {
        out.printf("%s  %s%n", t.path("id").asString(), t.path("title").asString());
        out.printf("  status:     %s%s%n", t.path("status").asString(), t.path("claimed_by").isString()
                ? " (claimed by " + t.path("claimed_by").asString() + " until " + t.path("lease_expires_at").asString()
                + ")" : "");
        out.printf("  priority:   %s%n", t.path("priority").asString());
        out.printf("  assignee:   %s%n", text(t, "assignee"));
        out.printf("  created by: %s at %s%n", t.path("created_by").asString(), t.path("created_at").asString());
        if (t.path("description").isString()) {
            out.printf("  description: %s%n", t.path("description").asString());
        }
        if (t.path("summary").isString()) {
            out.printf("  summary:    %s%n", t.path("summary").asString());
        }
        links(out, "depends on", t.path("depends_on"));
        links(out, "dependents", t.path("dependents"));
        if (!t.path("files").isEmpty()) {
            StringBuilder files = new StringBuilder();
            t.path("files").forEach(f -> files.append(files.isEmpty() ? "" : ", ").append(f.path("spec").asString()));
            out.printf("  files:      %s%n", files);
        }
        if (!t.path("participants").isEmpty()) {
            StringBuilder names = new StringBuilder();
            t.path("participants").forEach(p -> names.append(names.isEmpty() ? "" : ", ").append(p.asString()));
            out.printf("  participants: %s%n", names);
        }
        if (t.has("history")) {
            out.println("  history:");
            t.path("history").forEach(r -> out.printf("    %s  %-12s %-10s %s %s%n", r.path("at").asString(),
                    r.path("agent").asString(), r.path("action").asString(), r.path("entity_type").asString(),
                    r.path("changes").toString()));
        }
    }

    static void notifications(PrintWriter out, JsonNode list) {
        list.forEach(n -> notification(out, n));
        if (list.isEmpty()) {
            out.println("No unread notifications");
        }
    }

    static void notification(PrintWriter out, JsonNode n) {
        out.printf("[%s] %s%s%n", n.path("type").asString(), n.path("message").asString(),
                n.path("broadcast").asBoolean() ? " (to everyone)" : "");
        out.flush();
    }

    static void tree(PrintWriter out, JsonNode node, String indent) {
        out.printf("%s%s [%s] %s%s%n", indent, node.path("id").asString(), node.path("status").asString(),
                node.path("title").asString(), node.path("repeated").asBoolean() ? " (see above)" : "");
        node.path("children").forEach(child -> tree(out, child, indent + "  "));
    }

    private static void links(PrintWriter out, String label, JsonNode links) {
        if (links.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        links.forEach(l -> text.append(text.isEmpty() ? "" : ", ").append(l.path("id").asString()).append(" (")
                .append(l.path("status").asString()).append(')'));
        out.printf("  %-11s %s%n", label + ":", text);
    }

    static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }
}
