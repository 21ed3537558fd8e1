package io.tasker.cli.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A task's step graph as Mermaid or Graphviz text, built from {@code GET /v1/tasks/{uuid}}: one node per step
 * labelled with its name and state, an edge from each dependency to its dependent, nodes coloured by state. Node
 * ids are {@code s0, s1, ...} because step names may contain characters neither language accepts in an id.
 */
final class TaskDiagram {

    /** States drawn alike, with their colours. */
    enum StateGroup {
        COMPLETE("complete", "#c8e6c9", "#2e7d32"),
        ERROR("error", "#ffcdd2", "#c62828"),
        IN_FLIGHT("in_flight", "#bbdefb", "#1565c0"),
        RETRYING("retrying", "#ffe0b2", "#ef6c00"),
        PENDING("pending", "#eeeeee", "#9e9e9e"),
        MANUAL("manual", "#e1bee7", "#6a1b9a");

        final String className;
        final String fill;
        final String stroke;

        StateGroup(String className, String fill, String stroke) {
            this.className = className;
            this.fill = fill;
            this.stroke = stroke;
        }

        static StateGroup of(String state) {
            return switch (state) {
                case "complete" -> COMPLETE;
                case "error" -> ERROR;
                case "enqueued", "in_progress", "enqueued_for_orchestration",
                     "enqueued_as_error_for_orchestration" -> IN_FLIGHT;
                case "waiting_for_retry" -> RETRYING;
                case "cancelled", "resolved_manually" -> MANUAL;
                default -> PENDING;
            };
        }
    }

    private record Node(String id, String name, String state) {
    }

    private record Edge(String from, String to) {
    }

    private final String title;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private TaskDiagram(JsonNode task) {
        title = TaskPrinter.template(task) + " " + task.path("task_uuid").asString("");
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode step : task.path("steps")) {
            String id = "s" + ids.size();
            ids.put(step.path("name").asString(""), id);
            nodes.add(new Node(id, step.path("name").asString(""), step.path("current_state").asString("")));
        }
        for (JsonNode step : task.path("steps")) {
            String child = ids.get(step.path("name").asString(""));
            for (JsonNode parent : step.path("depends_on")) {
                String from = ids.get(parent.asString(""));
                if (from != null) {
                    edges.add(new Edge(from, child));
                }
            }
        }
    }

    static String mermaid(JsonNode task) {
        return new TaskDiagram(task).toMermaid();
    }

    static String dot(JsonNode task) {
        return new TaskDiagram(task).toDot();
    }

    private String toMermaid() {
        StringBuilder text = new StringBuilder("flowchart TD\n");
        text.append("    %% ").append(title.replace('\n', ' ')).append('\n');
        nodes.forEach(node -> text.append("    ").append(node.id()).append("[\"")
                .append(mermaidText(node.name())).append("<br/>").append(mermaidText(node.state())).append("\"]\n"));
        edges.forEach(edge -> text.append("    ").append(edge.from()).append(" --> ").append(edge.to()).append('\n'));
        for (StateGroup group : StateGroup.values()) {
            text.append("    classDef ").append(group.className).append(" fill:").append(group.fill)
                    .append(",stroke:").append(group.stroke).append(",color:#000\n");
        }
        Map<StateGroup, List<String>> members = new LinkedHashMap<>();
        nodes.forEach(node -> members.computeIfAbsent(StateGroup.of(node.state()), g -> new ArrayList<>())
                .add(node.id()));
        members.forEach((group, ids) -> text.append("    class ").append(String.join(",", ids)).append(' ')
                .append(group.className).append('\n'));
        return text.toString();
    }

    private String toDot() {
        StringBuilder text = new StringBuilder("digraph task {\n");
        text.append("    label=\"").append(dotText(title)).append("\";\n");
        text.append("    rankdir=TB;\n");
        text.append("    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        for (Node node : nodes) {
            StateGroup group = StateGroup.of(node.state());
            text.append("    ").append(node.id()).append(" [label=\"").append(dotText(node.name())).append("\\n")
                    .append(dotText(node.state())).append("\", fillcolor=\"").append(group.fill)
                    .append("\", color=\"").append(group.stroke).append("\"];\n");
        }
        edges.forEach(edge -> text.append("    ").append(edge.from()).append(" -> ").append(edge.to()).append(";\n"));
        return text.append("}\n").toString();
    }

    /** Mermaid labels are quoted; quotes and angle brackets inside become entity codes. */
    private static String mermaidText(String value) {
        return value.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace('\n', ' ');
    }

    private static String dotText(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ');
    }
}
