package io.tasker.data.dag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated DAG file: its jobs, the job outputs it publishes under dataset names, and the roles that
 * may read each published dataset.
 */
public record DagSpec(String name, List<JobSpec> jobs, Map<String, InputRef.FromJob> publish,
                      Map<String, List<String>> readRoles) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;

    public DagSpec {
        jobs = List.copyOf(jobs);
        publish = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publish));
        readRoles = Map.copyOf(readRoles);
    }

    /** The roles that may read a published dataset ({@code publish.<name>.read_roles}); empty: every member. */
    public List<String> readRoles(String dataset) {
        return readRoles.getOrDefault(dataset, List.of());
    }

    public Optional<JobSpec> job(String jobName) {
        return jobs.stream().filter(j -> j.name().equals(jobName)).findFirst();
    }

    /** The dataset name of a job's output: its publish name, else {@code <dag>__<job>} ({@code __<n>} for n > 0). */
    public String datasetName(String jobName, int output) {
        for (Map.Entry<String, InputRef.FromJob> published : publish.entrySet()) {
            if (published.getValue().job().equals(jobName) && published.getValue().output() == output) {
                return published.getKey();
            }
        }
        return name + "__" + jobName + (output == 0 ? "" : "__" + output);
    }
}
