package io.tasker.data.dag;

import io.tasker.json.Json;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads one job of a DAG file (see {@link DagParser}). */
final class JobParser {

    record Defaults(int maxAttempts, int timeoutSeconds, int heartbeatTimeoutSeconds) {
    }

    static final int MAX_OUTPUTS = 16;
    private static final Set<String> JOB_FIELDS = Set.of("name", "description", "activation", "runtime", "source",
            "operator", "config", "partitions", "inputs", "execution_strategy", "update_strategy", "unique_key",
            "outputs", "timeout_seconds", "heartbeat_timeout_seconds", "max_attempts", "idle_timeout", "scaling",
            "cursor", "lineage");

    private JobParser() {
    }

    static Defaults defaults(Fields dag, List<Problem> problems) {
        Optional<Fields> fields = dag.has("defaults") ? Fields.of(dag.raw("defaults"), "defaults", problems,
                Set.of("max_attempts", "timeout_seconds", "heartbeat_timeout_seconds")) : Optional.empty();
        return new Defaults(
                fields.flatMap(f -> f.integer("max_attempts", 1, 100)).orElse(DagSpec.DEFAULT_MAX_ATTEMPTS),
                fields.flatMap(f -> f.integer("timeout_seconds", 1, 86_400)).orElse(DagSpec.DEFAULT_TIMEOUT_SECONDS),
                fields.flatMap(f -> f.integer("heartbeat_timeout_seconds", 1, 86_400))
                        .orElse(DagSpec.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS));
    }

    static Optional<JobSpec> parse(JsonNode node, String path, Defaults defaults, DagChecks checks,
                                   List<Problem> problems) {
        Optional<Fields> read = Fields.of(node, path, problems, JOB_FIELDS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields job = read.get();
        int before = problems.size();
        String name = job.requiredText("name").orElse("");
        if (!name.isEmpty() && !DagParser.isName(name)) {
            job.problem("name", "must be lower-case letters and digits in words joined by single underscores");
        }
        Activation activation = job.requiredText("activation").flatMap(a -> enumValue(Activation.class, a))
                .orElse(null);
        if (job.has("activation") && activation == null) {
            job.problem("activation", "must be source, reactive or manual");
        }
        Optional<SourceSpec> source = source(job, activation, checks);
        String operator = job.requiredText("operator").orElse("");
        if (!operator.isEmpty() && !checks.operatorExists(operator)) {
            job.problem("operator", "unknown operator '" + operator + "': use file, sql, http, external or a"
                    + " registered handler");
        }
        ObjectNode config = job.object("config").orElseGet(Json::object);
        for (String reserved : List.of("partitions", "cursor")) {
            if (config.has(reserved)) {
                job.problem("config." + reserved, "is reserved: give " + reserved + " beside config");
            }
        }
        if (!operator.isEmpty() && checks.operatorExists(operator)) {
            checks.configProblems(operator, config).forEach(p ->
                    problems.add(new Problem(job.at("config") + (p.path().isEmpty() ? "" : "." + p.path()),
                            p.message())));
        }
        Optional<PartitionSpec> partitions = job.has("partitions")
                ? PartitionParser.parse(job.raw("partitions"), job.at("partitions"), problems) : Optional.empty();
        if (!job.has("partitions") && activation != null && activation != Activation.REACTIVE) {
            job.problem("partitions", "is required for " + activation.yamlName() + " jobs");
        }
        List<InputRef> inputs = inputs(job, problems);
        if (activation == Activation.REACTIVE && inputs.isEmpty() && job.has("activation")) {
            job.problem("inputs", "a reactive job needs at least one input");
        }
        ExecutionStrategy execution = job.text("execution_strategy").map(s -> {
            try {
                return ExecutionStrategy.valueOf(s);
            } catch (IllegalArgumentException e) {
                job.problem("execution_strategy", "must be PerPartition or PerUpdate");
                return ExecutionStrategy.PerPartition;
            }
        }).orElse(ExecutionStrategy.PerPartition);
        UpdateStrategy update = job.text("update_strategy").map(s -> enumValue(UpdateStrategy.class, s).orElseGet(() -> {
            job.problem("update_strategy", "must be replace or append");
            return UpdateStrategy.REPLACE;
        })).orElse(UpdateStrategy.REPLACE);
        List<String> uniqueKey = job.strings("unique_key");
        if (update == UpdateStrategy.APPEND && uniqueKey.isEmpty()) {
            job.problem("unique_key", "is required when update_strategy is append (rows replace earlier rows with"
                    + " the same key, so a retried run adds no duplicates)");
        }
        uniqueKey.stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")).findFirst()
                .ifPresent(k -> job.problem("unique_key", "'" + k + "' is not a column name"));
        int outputs = job.integer("outputs", 1, MAX_OUTPUTS).orElse(1);
        Optional<Integer> maxConcurrency = scaling(job, problems);
        Optional<CursorSpec> cursor = CursorSpec.parse(job, execution, operator, !inputs.isEmpty(), problems);
        LineageSpec lineage = LineageSpec.parse(job, inputs.size(), problems);
        JobSpec spec = new JobSpec(name, activation == null ? Activation.MANUAL : activation,
                job.text("runtime").orElse(JobSpec.DEFAULT_RUNTIME), operator, source, execution, update, uniqueKey,
                inputs, config, partitions, outputs,
                job.integer("timeout_seconds", 1, 86_400).orElse(defaults.timeoutSeconds()),
                job.integer("heartbeat_timeout_seconds", 1, 86_400).orElse(defaults.heartbeatTimeoutSeconds()),
                job.integer("max_attempts", 1, 100).orElse(defaults.maxAttempts()),
                job.text("idle_timeout"), maxConcurrency, cursor, lineage);
        return problems.size() == before ? Optional.of(spec) : Optional.empty();
    }

    static Optional<InputRef> input(JsonNode node, String path, List<Problem> problems) {
        Optional<Fields> read = Fields.of(node, path, problems, Set.of("job", "output", "dataset"));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields input = read.get();
        if (input.has("dataset")) {
            Optional<String> dataset = input.text("dataset");
            if (dataset.isPresent() && !DagParser.DATASET.matcher(dataset.get()).matches()) {
                input.problem("dataset", "is not a dataset name");
                return Optional.empty();
            }
            return dataset.map(InputRef.FromDataset::new);
        }
        Optional<String> job = input.requiredText("job");
        int output = input.integer("output", 0, MAX_OUTPUTS - 1).orElse(0);
        return job.map(j -> new InputRef.FromJob(j, output));
    }

    private static List<InputRef> inputs(Fields job, List<Problem> problems) {
        if (!job.has("inputs")) {
            return List.of();
        }
        if (!job.raw("inputs").isArray()) {
            job.problem("inputs", "must be a list");
            return List.of();
        }
        List<InputRef> inputs = new ArrayList<>();
        int k = 0;
        for (JsonNode item : job.raw("inputs")) {
            String path = job.at("inputs") + "[" + k++ + "]";
            Fields.of(item, path, problems, Set.of("from", "dataset")).ifPresent(entry -> {
                if (entry.has("dataset")) {
                    input(item, path, problems).ifPresent(inputs::add);
                } else if (entry.has("from")) {
                    input(entry.raw("from"), entry.at("from"), problems).ifPresent(inputs::add);
                } else {
                    problems.add(new Problem(path, "needs from: {job, output} or dataset: name"));
                }
            });
        }
        return inputs;
    }

    private static Optional<SourceSpec> source(Fields job, Activation activation, DagChecks checks) {
        if (activation != Activation.SOURCE) {
            if (job.has("source")) {
                job.problem("source", "only source jobs have a source");
            }
            return Optional.empty();
        }
        if (!job.has("source")) {
            job.problem("source", "is required for source jobs ({kind: cron, schedule: ...} or {kind: manual})");
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>();
        Optional<Fields> read = Fields.of(job.raw("source"), job.at("source"), problems,
                Set.of("kind", "schedule", "timezone"));
        problems.forEach(p -> job.problem("source", p.message()));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields source = read.get();
        String kind = source.text("kind").orElse("");
        if (kind.equals("manual")) {
            return Optional.of(new SourceSpec.Manual());
        }
        if (!kind.equals("cron")) {
            job.problem("source.kind", "must be cron or manual");
            return Optional.empty();
        }
        Optional<String> schedule = source.text("schedule");
        if (schedule.isEmpty()) {
            job.problem("source.schedule", "is required for a cron source");
            return Optional.empty();
        }
        Optional<String> problem = checks.cronProblem(schedule.get());
        problem.ifPresent(p -> job.problem("source.schedule", p));
        String zone = source.text("timezone").orElse("UTC");
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            job.problem("source.timezone", "unknown time zone '" + zone + "'");
        }
        return problem.isPresent() ? Optional.empty() : Optional.of(new SourceSpec.Cron(schedule.get(), zone));
    }

    private static Optional<Integer> scaling(Fields job, List<Problem> problems) {
        if (!job.has("scaling")) {
            return Optional.empty();
        }
        return Fields.of(job.raw("scaling"), job.at("scaling"), problems, Set.of("max_concurrency"))
                .flatMap(s -> s.integer("max_concurrency", 1, 10_000));
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String text) {
        try {
            return Optional.of(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
