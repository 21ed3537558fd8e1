package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskDiagramTest {

    private static final JsonNode DIAMOND = Json.parse("""
            {"task_uuid": "t-1", "namespace": "ns", "name": "flow", "version": "1.0.0",
             "steps": [
               {"name": "fetch.v2-a", "current_state": "complete", "depends_on": []},
               {"name": "left \\"quoted\\"", "current_state": "in_progress", "depends_on": ["fetch.v2-a"]},
               {"name": "right", "current_state": "waiting_for_retry", "depends_on": ["fetch.v2-a"]},
               {"name": "join", "current_state": "pending", "depends_on": ["left \\"quoted\\"", "right"]},
               {"name": "broken", "current_state": "error", "depends_on": []},
               {"name": "skipped", "current_state": "resolved_manually", "depends_on": []}
             ]}
            """);

    @Test
    void mermaid_uses_safe_ids_quoted_labels_and_a_class_per_state_group() {
        String mermaid = TaskDiagram.mermaid(DIAMOND);
        assertThat(mermaid).startsWith("flowchart TD\n")
                .contains("    s0[\"fetch.v2-a<br/>complete\"]\n")
                .contains("    s1[\"left #quot;quoted#quot;<br/>in_progress\"]\n")
                .contains("    s0 --> s1\n    s0 --> s2\n    s1 --> s3\n    s2 --> s3\n")
                .contains("    class s0 complete\n")
                .contains("    class s1 in_flight\n")
                .contains("    class s2 retrying\n")
                .contains("    class s3 pending\n")
                .contains("    class s4 error\n")
                .contains("    class s5 manual\n");
    }

    @Test
    void dot_escapes_labels_and_fills_by_state() {
        String dot = TaskDiagram.dot(DIAMOND);
        assertThat(dot).startsWith("digraph task {\n")
                .contains("    s1 [label=\"left \\\"quoted\\\"\\nin_progress\", fillcolor=\"#bbdefb\"")
                .contains("    s4 [label=\"broken\\nerror\", fillcolor=\"#ffcdd2\"")
                .contains("    s1 -> s3;\n")
                .endsWith("}\n");
    }
}
