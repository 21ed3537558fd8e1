package io.tasker.data.run;

import io.tasker.data.deploy.JobRow;
import io.tasker.store.Ids;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A run to create: a job over partitions, with what started it ({@code trigger}: stored as
 * {@code input_versions}). Its id is also the id of the workflow task that executes it.
 */
public record NewRun(UUID id, JobRow job, List<String> partitions, JsonNode trigger) {

    public NewRun {
        partitions = List.copyOf(partitions);
    }

    public static NewRun of(JobRow job, List<String> partitions, JsonNode trigger) {
        return new NewRun(Ids.next(), job, partitions, trigger);
    }
}
