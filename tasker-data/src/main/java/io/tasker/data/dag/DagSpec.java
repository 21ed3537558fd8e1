package io.tasker.data.dag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed and validated DAG file: its jobs, and the job outputs it publishes under dataset names. */
public record DagSpec(String name, List<JobSpec> jobs, Map<String, InputRef.FromJob> publish) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;

    public DagSpec {
        jobs = List.copyOf(jobs);
        publish = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publish));
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
