package io.tasker.data.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The target and namespace are checked when the settings load; the schema check is not vacuous. */
class OpenLineageSettingsTest {

    @Test
    void http_and_absolute_file_targets_are_accepted_and_nothing_else() {
        assertThat(OpenLineageSettings.parse("", "").enabled()).isFalse();
        assertThat(OpenLineageSettings.parse("", "").namespace()).isEqualTo("tasker");
        assertThat(OpenLineageSettings.parse("https://marquez.internal:5000/api/v1/lineage", "prod").target())
                .hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("marquez.internal"));
        assertThat(OpenLineageSettings.parse("file:/var/log/tasker/lineage.jsonl", null).enabled()).isTrue();
        for (String bad : List.of("ftp://host/x", "file:relative.jsonl", "file:/var/log/", "lineage.jsonl",
                "https:///no-host", "http://a b")) {
            assertThatThrownBy(() -> OpenLineageSettings.parse(bad, "x")).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("data.openlineage_url");
        }
        assertThatThrownBy(() -> OpenLineageSettings.parse("", "has space"))
                .hasMessageContaining("data.openlineage_namespace");
    }

    @Test
    void the_schema_check_finds_a_broken_event() {
        RunEvent event = new RunEvent("COMPLETE", Instant.parse("2026-11-28T10:00:00Z"), UUID.randomUUID(), "t/default",
                "shop.totals", "sql", Optional.of("SELECT 1"), List.of("a"),
                Map.of("b", List.of(new RunEvent.ColumnSource("x", "a", "y"))),
                Map.of("b", new RunEvent.Statistics(1, 2)), Optional.empty());
        assertThat(OpenLineageSchemas.problems(event.toJson())).isEmpty();

        ObjectNode badId = event.toJson();
        ((ObjectNode) badId.get("run")).put("runId", "not-a-uuid");
        assertThat(OpenLineageSchemas.problems(badId)).isNotEmpty();
        ObjectNode badType = event.toJson();
        badType.put("eventType", "DONE");
        assertThat(OpenLineageSchemas.problems(badType)).isNotEmpty();
        ObjectNode badFacet = event.toJson();
        ((ObjectNode) badFacet.get("outputs").get(0).get("facets").get("columnLineage").get("fields").get("x"))
                .remove("inputFields");
        assertThat(OpenLineageSchemas.problems(badFacet)).isNotEmpty();
    }
}
