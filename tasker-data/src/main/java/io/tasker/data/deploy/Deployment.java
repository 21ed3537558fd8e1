package io.tasker.data.deploy;

import java.util.List;
import java.util.UUID;

/**
 * What a deploy did: the version (new, or the existing one with the same YAML), whether it became the current
 * version (the first version of a DAG does), the jobs that get new dataset versions, and the runs started to build
 * them from the partitions their inputs already have.
 */
public record Deployment(String dagName, UUID dagVersionId, String yamlHash, boolean created, boolean activated,
                         List<String> rebuiltJobs, int runsStarted) {

    public Deployment {
        rebuiltJobs = List.copyOf(rebuiltJobs);
    }
}
