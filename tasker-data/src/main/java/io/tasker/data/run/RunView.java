package io.tasker.data.run;

import io.tasker.data.DataRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A run as listings show it. */
public record RunView(UUID id, String dag, String job, UUID dagVersionId, String status, List<String> partitions,
                      int attempts, Optional<String> error, Optional<String> workerId, JsonNode trigger,
                      JsonNode outputs, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> completedAt,
                      Optional<Instant> nextRetryAt) {

    static final String SELECT = """
            SELECT t.id, j.dag_name, j.name, j.dag_version_id, t.status, t.partitions, t.attempts, t.error_message,
                   t.worker_id, t.input_versions, t.outputs, t.created_at, t.started_at, t.completed_at,
                   t.next_retry_at
            FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id
            """;

    static RunView read(ResultSet row) throws SQLException {
        return new RunView(row.getObject("id", UUID.class), row.getString("dag_name"), row.getString("name"),
                row.getObject("dag_version_id", UUID.class), row.getString("status"),
                DataRows.texts(row, "partitions"), row.getInt("attempts"),
                Optional.ofNullable(row.getString("error_message")), Optional.ofNullable(row.getString("worker_id")),
                DataRows.json(row, "input_versions"), DataRows.json(row, "outputs"),
                DataRows.instant(row, "created_at"), DataRows.optionalInstant(row, "started_at"),
                DataRows.optionalInstant(row, "completed_at"), DataRows.optionalInstant(row, "next_retry_at"));
    }
}
