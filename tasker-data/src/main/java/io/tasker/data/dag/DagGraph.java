package io.tasker.data.dag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks across jobs: unique names, inputs and publishes that name real jobs and outputs, no cycles, and
 * partitioning a reactive job can follow; and the jobs in dependency order.
 */
public final class DagGraph {

    private DagGraph() {
    }

    static void check(DagSpec dag, List<Problem> problems) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < dag.jobs().size(); i++) {
            if (index.putIfAbsent(dag.jobs().get(i).name(), i) != null) {
                problems.add(new Problem("jobs[" + i + "].name", "job '" + dag.jobs().get(i).name()
                        + "' is defined more than once"));
            }
        }
        for (int i = 0; i < dag.jobs().size(); i++) {
            JobSpec job = dag.jobs().get(i);
            for (int k = 0; k < job.inputs().size(); k++) {
                if (job.inputs().get(k) instanceof InputRef.FromJob from) {
                    checkRef(dag, index, from, "jobs[" + i + "].inputs[" + k + "].from", problems);
                }
            }
        }
        Set<String> publishedOutputs = new HashSet<>();
        dag.publish().forEach((name, from) -> {
            checkRef(dag, index, from, "publish." + name + ".from", problems);
            if (!publishedOutputs.add(from.job() + "#" + from.output())) {
                problems.add(new Problem("publish." + name, "this output is published under another name already"));
            }
        });
        if (problems.isEmpty()) {
            cycle(dag).ifPresent(c -> problems.add(new Problem("jobs[" + index.get(c.get(0)) + "].inputs",
                    "the jobs form a cycle: " + String.join(" -> ", c))));
        }
        if (problems.isEmpty()) {
            partitioning(dag, problems);
        }
    }

    /** The jobs ordered so that every job comes after the jobs it reads. */
    public static List<JobSpec> ordered(DagSpec dag) {
        Map<String, JobSpec> byName = new LinkedHashMap<>();
        dag.jobs().forEach(j -> byName.put(j.name(), j));
        List<JobSpec> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (JobSpec job : dag.jobs()) {
            visit(job, byName, done, ordered);
        }
        return ordered;
    }

    /** The partitioning a job writes: its own, or (reactive jobs) that of its first input of this DAG. */
    public static Optional<PartitionSpec> partitionsOf(DagSpec dag, JobSpec job) {
        if (job.partitions().isPresent()) {
            return job.partitions();
        }
        for (InputRef input : job.inputs()) {
            if (input instanceof InputRef.FromJob from) {
                return dag.job(from.job()).flatMap(upstream -> partitionsOf(dag, upstream));
            }
        }
        return Optional.empty();
    }

    private static void visit(JobSpec job, Map<String, JobSpec> byName, Set<String> done, List<JobSpec> ordered) {
        if (!done.add(job.name())) {
            return;
        }
        for (InputRef input : job.inputs()) {
            if (input instanceof InputRef.FromJob from && byName.containsKey(from.job())) {
                visit(byName.get(from.job()), byName, done, ordered);
            }
        }
        ordered.add(job);
    }

    private static void checkRef(DagSpec dag, Map<String, Integer> index, InputRef.FromJob from, String path,
                                 List<Problem> problems) {
        Integer target = index.get(from.job());
        if (target == null) {
            problems.add(new Problem(path + ".job", "unknown job '" + from.job() + "'"));
        } else if (from.output() >= dag.jobs().get(target).outputs()) {
            problems.add(new Problem(path + ".output", "job '" + from.job() + "' has "
                    + dag.jobs().get(target).outputs() + " output(s), numbered from 0"));
        }
    }

    private static Optional<List<String>> cycle(DagSpec dag) {
        Map<String, List<String>> reads = new HashMap<>();
        for (JobSpec job : dag.jobs()) {
            List<String> upstream = new ArrayList<>();
            job.inputs().forEach(in -> {
                if (in instanceof InputRef.FromJob from) {
                    upstream.add(from.job());
                }
            });
            reads.put(job.name(), upstream);
        }
        Set<String> finished = new HashSet<>();
        for (JobSpec job : dag.jobs()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = walk(job.name(), reads, path, finished);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> walk(String job, Map<String, List<String>> reads, List<String> path,
                                               Set<String> finished) {
        int at = path.indexOf(job);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(job);
            return Optional.of(cycle);
        }
        if (finished.contains(job)) {
            return Optional.empty();
        }
        path.add(job);
        for (String upstream : reads.getOrDefault(job, List.of())) {
            Optional<List<String>> found = walk(upstream, reads, path, finished);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        finished.add(job);
        return Optional.empty();
    }

    private static void partitioning(DagSpec dag, List<Problem> problems) {
        for (int i = 0; i < dag.jobs().size(); i++) {
            JobSpec job = dag.jobs().get(i);
            if (job.activation() != Activation.REACTIVE || job.partitions().isEmpty()) {
                continue;
            }
            PartitionSpec own = job.partitions().get();
            boolean fanIn = own instanceof PartitionSpec.Static s && s.keyList().size() == 1;
            for (InputRef input : job.inputs()) {
                if (input instanceof InputRef.FromJob from && !fanIn) {
                    Optional<PartitionSpec> upstream = dag.job(from.job()).flatMap(u -> partitionsOf(dag, u));
                    if (upstream.isPresent() && upstream.get().getClass() != own.getClass()) {
                        problems.add(new Problem("jobs[" + i + "].partitions", "a reactive job writes the partition"
                                + " of the input partition that changed, so its partitions must be of the same kind"
                                + " as its inputs' (or one static key, which every input partition feeds)"));
                    }
                }
            }
        }
    }
}
