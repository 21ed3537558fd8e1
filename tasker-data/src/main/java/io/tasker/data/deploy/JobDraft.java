package io.tasker.data.deploy;

import io.tasker.data.dag.JobSpec;
import io.tasker.data.dag.PartitionSpec;
import java.util.List;

/**
 * A job being deployed, with what the deploy worked out for it: the partitions it writes, the names of the datasets
 * it reads and writes, its config hash and the config hashes of its output dataset versions.
 */
public record JobDraft(String dag, JobSpec job, PartitionSpec partitions, List<String> inputDatasets,
                       List<String> outputDatasets, String configHash, boolean builtIn) {

    public JobDraft {
        inputDatasets = List.copyOf(inputDatasets);
        outputDatasets = List.copyOf(outputDatasets);
    }

    /** The config hash of output {@code i}'s dataset version. */
    public String outputHash(int i) {
        return JobTemplates.sha256(configHash + "#" + i);
    }
}
