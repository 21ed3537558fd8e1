package io.tasker.data.dag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a DAG file (YAML) into a {@link DagSpec}, applying its {@code defaults}, and validates it: names, unknown
 * inputs, cycles, {@code append} without {@code unique_key}, unknown operators, operator configs, cron schedules and
 * partition specs. Every problem is reported at once, each at its YAML path.
 */
public final class DagParser {

    /** DAG and job names: lower-case words joined by single underscores ({@code __} separates them in names). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    public static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    public static final int MAX_NAME = 63;
    public static final int MAX_JOBS = 500;
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private DagParser() {
    }

    public static DagSpec parse(String yaml, DagChecks checks) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw DagValidationException.of("(file)", "not valid YAML: " + e.getOriginalMessage());
        }
        List<Problem> problems = new ArrayList<>();
        Optional<Fields> top = Fields.of(root, "", problems, Set.of("name", "description", "defaults", "jobs",
                "publish"));
        if (top.isEmpty()) {
            throw new DagValidationException(problems);
        }
        Fields dag = top.get();
        String name = dag.requiredText("name").orElse("");
        if (!name.isEmpty() && !isName(name)) {
            dag.problem("name", "must be lower-case letters and digits in words joined by single underscores, at most "
                    + MAX_NAME + " characters");
        }
        JobParser.Defaults defaults = JobParser.defaults(dag, problems);
        List<JobSpec> jobs = new ArrayList<>();
        if (!dag.has("jobs") || !dag.raw("jobs").isArray() || dag.raw("jobs").isEmpty()) {
            dag.problem("jobs", "must list at least one job");
        } else if (dag.raw("jobs").size() > MAX_JOBS) {
            dag.problem("jobs", "at most " + MAX_JOBS + " jobs");
        } else {
            int i = 0;
            for (JsonNode job : dag.raw("jobs")) {
                JobParser.parse(job, "jobs[" + i++ + "]", defaults, checks, problems).ifPresent(jobs::add);
            }
        }
        Map<String, List<String>> readRoles = new LinkedHashMap<>();
        Map<String, InputRef.FromJob> publish = publish(dag, problems, readRoles);
        DagSpec spec = new DagSpec(name, jobs, publish, readRoles);
        if (problems.isEmpty()) {
            DagGraph.check(spec, problems);
        }
        if (!problems.isEmpty()) {
            throw new DagValidationException(problems);
        }
        return spec;
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches() && name.length() <= MAX_NAME;
    }

    private static Map<String, InputRef.FromJob> publish(Fields dag, List<Problem> problems,
                                                         Map<String, List<String>> readRoles) {
        Map<String, InputRef.FromJob> publish = new LinkedHashMap<>();
        Optional<tools.jackson.databind.node.ObjectNode> node = dag.object("publish");
        if (node.isEmpty()) {
            return publish;
        }
        for (Map.Entry<String, JsonNode> entry : node.get().properties()) {
            String path = "publish." + entry.getKey();
            if (!DATASET.matcher(entry.getKey()).matches() || entry.getKey().contains("__")) {
                problems.add(new Problem(path, "a dataset name is a-z, 0-9 and single underscores, starting with a"
                        + " letter, at most 128 characters"));
                continue;
            }
            Optional<Fields> fields = Fields.of(entry.getValue(), path, problems, Set.of("from", "read_roles"));
            fields.ifPresent(f -> {
                List<String> roles = f.strings("read_roles");
                roles.stream().filter(r -> !io.tasker.identity.Roles.SLUG.matcher(r).matches()).findFirst().ifPresent(r ->
                        f.problem("read_roles", "'" + r + "' is not a role slug"));
                readRoles.put(entry.getKey(), roles);
            });
            fields.flatMap(f -> JobParser.input(f.raw("from"), f.at("from"), problems))
                    .ifPresent(ref -> {
                        if (ref instanceof InputRef.FromJob fromJob) {
                            publish.put(entry.getKey(), fromJob);
                        } else {
                            problems.add(new Problem(path + ".from", "must name a job and an output"));
                        }
                    });
        }
        return publish;
    }
}
