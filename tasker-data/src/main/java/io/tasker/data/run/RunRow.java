package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.data.deploy.JobRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A run with its job, as the handler and the commit hook read it. */
public record RunRow(UUID id, RunStatus status, List<String> partitions, JsonNode trigger, int attempts, JobRow job) {

    /** Selects a run and its job: append {@code WHERE ...}. */
    public static final String SELECT = "SELECT t.id AS run_id, t.status AS run_status, t.partitions AS run_partitions,"
            + " t.input_versions AS run_trigger, t.attempts AS run_attempts, " + JobRow.COLUMNS
            + " FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id ";

    public static RunRow read(ResultSet row) throws SQLException {
        return new RunRow(row.getObject("run_id", UUID.class), RunStatus.fromDb(row.getString("run_status")),
                DataRows.texts(row, "run_partitions"), DataRows.json(row, "run_trigger"), row.getInt("run_attempts"),
                JobRow.read(row));
    }
}
