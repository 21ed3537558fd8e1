package io.tasker.data.openlineage;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The OpenLineage JSON schemas kept under {@code src/test/resources/openlineage} (see its README for their source and
 * licence), each {@code $id} mapped to its file so nothing is fetched; formats (uri, uuid, date-time) are asserted.
 */
final class OpenLineageSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemaLoader(loader -> loader.schemaIdResolvers(ids -> ids.mappings(OpenLineageSchemas::local))));

    /** The facet schemas by the name a facet has in the event. */
    static final Map<String, String> FACETS = Map.of(
            "columnLineage", "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
            "jobType", "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json",
            "sql", "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json",
            "errorMessage", "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json",
            "outputStatistics", "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json");

    private static final String SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

    private OpenLineageSchemas() {
    }

    private static String local(String id) {
        if (id.equals(SPEC)) {
            return "classpath:openlineage/OpenLineage.json";
        }
        if (id.startsWith("https://openlineage.io/spec/facets/")) {
            return "classpath:openlineage/facets/" + id.substring(id.lastIndexOf('/') + 1);
        }
        return null;
    }

    /**
     * What is wrong with {@code event} as an OpenLineage event, including each facet it carries checked against its
     * own schema (empty: valid). A facet without a schema here counts as a problem.
     */
    static List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>(check(SPEC, event, "event"));
        facets(event.path("run").path("facets"), "run", problems);
        facets(event.path("job").path("facets"), "job", problems);
        for (String side : List.of("inputs", "outputs")) {
            event.path(side).forEach(dataset -> {
                facets(dataset.path("facets"), side, problems);
                facets(dataset.path("outputFacets"), side, problems);
            });
        }
        return problems;
    }

    private static void facets(JsonNode facets, String where, List<String> problems) {
        facets.propertyNames().forEach(name -> {
            String schema = FACETS.get(name);
            if (schema == null) {
                problems.add(where + ": facet " + name + " has no schema here");
                return;
            }
            JsonNode one = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().set(name, facets.get(name));
            problems.addAll(check(schema, one, where + "." + name));
        });
    }

    private static List<String> check(String id, JsonNode value, String where) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(id));
        return schema.validate(value).stream().map(e -> where + ": " + e).toList();
    }
}
