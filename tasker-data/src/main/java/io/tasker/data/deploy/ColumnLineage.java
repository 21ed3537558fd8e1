package io.tasker.data.deploy;

import io.tasker.data.dag.JobSpec;
import io.tasker.data.dag.LineageSpec;
import io.tasker.data.lineage.SqlLineage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The column lineage jobs declare ({@code lineage: {output_column: [input_N.column]}}) merged with what is derived
 * from a {@code sql} job's query, kept in the job's config as deployed and written to {@code column_lineage} for the active version of each DAG: a cut-over or rollback makes the
 * version's declarations the datasets' lineage (the table is keyed by dataset, not by version).
 */
public final class ColumnLineage {

    private static final String FORGET = """
            DELETE FROM tasker_data.column_lineage cl
            USING tasker_data.jobs j, unnest(j.output_datasets) AS o(name), tasker_data.datasets d
            WHERE j.dag_version_id = ? AND d.org_id = j.org_id AND d.name = o.name AND cl.output_dataset_uuid = d.id
            """;

    private static final String DECLARE = """
            INSERT INTO tasker_data.column_lineage
                (output_dataset_uuid, output_column, input_dataset_uuid, input_column, job_id)
            SELECT od.id, l.key, ids.id, src ->> 'column', j.id
            FROM tasker_data.jobs j
            CROSS JOIN LATERAL jsonb_each(j.config -> 'lineage') AS l(key, value)
            CROSS JOIN LATERAL jsonb_array_elements(l.value) AS src
            CROSS JOIN LATERAL unnest(j.output_datasets) AS o(name)
            JOIN tasker_data.datasets od ON od.org_id = j.org_id AND od.name = o.name
            JOIN tasker_data.datasets ids ON ids.org_id = j.org_id
                                         AND ids.name = j.input_datasets[(src ->> 'input')::int + 1]
            WHERE j.dag_version_id = ? AND jsonb_typeof(j.config -> 'lineage') = 'object'
            ON CONFLICT DO NOTHING
            """;

    private ColumnLineage() {
    }

    /**
     * The job's column lineage: for the {@code sql} operator what {@link SqlLineage} derives from its query, with
     * each column the job declares taking the declaration instead (a declaration wins, column by column); for the
     * other operators the declarations alone.
     */
    static LineageSpec merged(JobSpec job, int inputs) {
        if (!job.operator().equals("sql") || !job.config().path("query").isString()) {
            return job.lineage();
        }
        Map<String, List<LineageSpec.InputColumn>> columns = new LinkedHashMap<>(
                SqlLineage.derive(job.config().path("query").asString(), inputs).columns());
        columns.putAll(job.lineage().columns());
        return new LineageSpec(columns);
    }

    /** {@code {"total": [{"input": 0, "column": "amount"}]}} */
    static ObjectNode toJson(LineageSpec lineage) {
        ObjectNode json = Json.object();
        lineage.columns().forEach((column, sources) -> {
            ArrayNode list = json.putArray(column);
            sources.forEach(s -> list.addObject().put("input", s.input()).put("column", s.column()));
        });
        return json;
    }

    /** Makes the version's declarations the lineage of the datasets it writes (in the activation's transaction). */
    static void takeOver(Tx tx, UUID version) {
        tx.update(FORGET, version);
        tx.update(DECLARE, version);
    }
}
