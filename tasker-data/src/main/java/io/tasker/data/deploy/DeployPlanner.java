package io.tasker.data.deploy;

import io.tasker.data.dag.DagGraph;
import io.tasker.data.dag.DagSpec;
import io.tasker.data.dag.DagValidationException;
import io.tasker.data.dag.InputRef;
import io.tasker.data.dag.JobSpec;
import io.tasker.data.dag.PartitionSpec;
import io.tasker.data.dag.Problem;
import io.tasker.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Works out, before anything is written, what a DAG version is made of: each job's partitions, the datasets it
 * reads and writes, and its config hash. The hash covers what decides a job's output (operator, runtime, config,
 * partitioning, strategies) and the hashes of the outputs it reads, so a change to a job changes the hash of every
 * job downstream of it, and nothing upstream: exactly the jobs that need new dataset versions.
 */
public final class DeployPlanner {

    public static final Set<String> BUILT_IN = Set.of("file", "sql", "http");

    /** What the planner needs to know about a dataset of another DAG that a job reads. */
    public record ExternalDataset(String name, PartitionSpec partitions) {
    }

    private DeployPlanner() {
    }

    public static List<JobDraft> plan(DagSpec dag, Function<String, Optional<ExternalDataset>> datasets) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JobDraft> drafts = new HashMap<>();
        List<JobDraft> ordered = new ArrayList<>();
        for (JobSpec job : DagGraph.ordered(dag)) {
            String path = "jobs[" + dag.jobs().indexOf(job) + "]";
            List<String> inputNames = new ArrayList<>();
            ArrayNode inputHashes = Json.MAPPER.createArrayNode();
            Optional<PartitionSpec> inherited = Optional.empty();
            for (int k = 0; k < job.inputs().size(); k++) {
                switch (job.inputs().get(k)) {
                    case InputRef.FromJob from -> {
                        JobDraft upstream = drafts.get(from.job());
                        inputNames.add(upstream.outputDatasets().get(from.output()));
                        inputHashes.add(upstream.outputHash(from.output()));
                        inherited = inherited.or(() -> Optional.of(upstream.partitions()));
                    }
                    case InputRef.FromDataset ref -> {
                        Optional<ExternalDataset> external = datasets.apply(ref.dataset());
                        if (external.isEmpty()) {
                            problems.add(new Problem(path + ".inputs[" + k + "].dataset", "unknown dataset '"
                                    + ref.dataset() + "'"));
                            continue;
                        }
                        inputNames.add(ref.dataset());
                        inputHashes.add("dataset:" + ref.dataset());
                        inherited = inherited.or(() -> Optional.of(external.get().partitions()));
                    }
                }
            }
            Optional<PartitionSpec> fromInputs = inherited;
            Optional<PartitionSpec> partitions = job.partitions().or(() -> DagGraph.partitionsOf(dag, job))
                    .or(() -> fromInputs);
            if (BUILT_IN.contains(job.operator()) && job.outputs() != 1) {
                problems.add(new Problem(path + ".outputs", "the " + job.operator() + " operator writes one output"));
                continue;
            }
            if (partitions.isEmpty()) {
                if (problems.stream().noneMatch(p -> p.path().startsWith(path))) {
                    problems.add(new Problem(path + ".partitions", "cannot be inherited: give partitions"));
                }
                continue;
            }
            List<String> outputs = new ArrayList<>();
            for (int i = 0; i < job.outputs(); i++) {
                outputs.add(dag.datasetName(job.name(), i));
            }
            ObjectNode identity = Json.object();
            identity.put("operator", job.operator());
            identity.put("runtime", job.runtime());
            identity.set("config", job.config());
            identity.set("partitions", partitions.get().toJson());
            identity.put("execution_strategy", job.executionStrategy().name());
            identity.put("update_strategy", job.updateStrategy().yamlName());
            ArrayNode key = identity.putArray("unique_key");
            job.uniqueKey().forEach(key::add);
            identity.put("outputs", job.outputs());
            job.cursor().ifPresent(c -> identity.set("cursor", c.toJson()));
            identity.set("inputs", inputHashes);
            JobDraft draft = new JobDraft(dag.name(), job, partitions.get(), inputNames, outputs,
                    JobTemplates.sha256(Json.canonical(identity)), BUILT_IN.contains(job.operator()));
            drafts.put(job.name(), draft);
            ordered.add(draft);
        }
        if (!problems.isEmpty()) {
            throw new DagValidationException(problems);
        }
        return ordered;
    }
}
