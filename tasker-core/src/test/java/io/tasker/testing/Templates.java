package io.tasker.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Templates for tests, as the YAML the engine registers: the shapes the suite keeps using (a diamond, a chain, a
 * decision, a batch, a single step) and a builder for the rest. Each test names its own namespace, so tests that
 * share a database never share a template.
 *
 * <pre>{@code
 * tasker = Engines.fast(dataSource).template(Templates.chain("repair", "noop", "charge", "echo")
 *         .options("charge", "retry: {max_attempts: 2, backoff: none}").yaml()).start();
 * }</pre>
 */
public final class Templates {

    private Templates() {
    }

    /** An empty template {@code namespace/name@1.0.0}; add steps with {@link Builder#step}. */
    public static Builder template(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** {@code start -> left, right -> end}, every step run by {@code callable}; named {@code diamond}. */
    public static Builder diamond(String namespace, String callable) {
        return template(namespace, "diamond").step("start", callable).step("left", callable, "start")
                .step("right", callable, "start").step("end", callable, "left", "right");
    }

    /** Steps {@code first -> second -> third ...}, one per callable, each after the one before; named {@code chain}. */
    public static Builder chain(String namespace, String... callables) {
        Builder builder = template(namespace, "chain");
        String previous = null;
        for (int i = 0; i < callables.length; i++) {
            String step = ORDINALS.get(i);
            if (previous == null) {
                builder.step(step, callables[i]);
            } else {
                builder.step(step, callables[i], previous);
            }
            previous = step;
        }
        return builder;
    }

    /** One step, {@code only}, run by {@code callable}; named {@code single}. */
    public static Builder single(String namespace, String callable) {
        return template(namespace, "single").step("only", callable);
    }

    /**
     * {@code start -> choose} (a decision by {@code chooser}) {@code -> left | right -> join} (a deferred
     * convergence), every other step {@code noop}; named {@code decide}.
     */
    public static Builder decision(String namespace, String chooser) {
        return template(namespace, "decide").step("start", "noop").step("choose", chooser, "start")
                .type("choose", "decision").step("left", "noop", "choose").step("right", "noop", "choose")
                .step("join", "noop", "left", "right").type("join", "deferred_convergence");
    }

    /**
     * {@code split} (batchable by {@code splitter}, one item per worker) {@code -> work} (batch workers run by
     * {@code worker}) {@code -> gather} (a deferred convergence run by {@code gatherer}); named {@code batch}.
     */
    public static Builder batch(String namespace, String splitter, String worker, String gatherer) {
        return batch(namespace, splitter, worker, gatherer, 1, "continue_on_failure");
    }

    /** {@link #batch(String, String, String, String)} with the batch's parallelism and failure strategy. */
    public static Builder batch(String namespace, String splitter, String worker, String gatherer, int parallelism,
                                String failureStrategy) {
        return template(namespace, "batch").step("split", splitter).type("split", "batchable")
                .options("split", "batch_config: {batch_size: 1, parallelism: " + parallelism
                        + ", worker_template: work, failure_strategy: " + failureStrategy + "}")
                .step("work", worker, "split").type("work", "batch_worker")
                .step("gather", gatherer, "work").type("gather", "deferred_convergence");
    }

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth");

    /** A template being put together; {@link #yaml()} renders it. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private final Map<String, Step> steps = new LinkedHashMap<>();
        private final List<String> extra = new ArrayList<>();
        private String version = "1.0.0";
        private String identityStrategy = "always_unique";

        private Builder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        /** A step run by {@code callable} after {@code dependsOn}. */
        public Builder step(String step, String callable, String... dependsOn) {
            steps.put(step, new Step(callable, List.of(dependsOn)));
            return this;
        }

        /** The step's {@code type} (decision, batchable, batch_worker, deferred_convergence). */
        public Builder type(String step, String type) {
            steps.get(step).type = type;
            return this;
        }

        /** More keys of the step, as YAML flow-map entries, e.g. {@code retry: {max_attempts: 2}}. */
        public Builder options(String step, String yaml) {
            steps.get(step).options.add(yaml);
            return this;
        }

        public Builder name(String value) {
            return copyAs(value);
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** Default {@code always_unique}, so a test may create the same task twice. */
        public Builder identityStrategy(String value) {
            this.identityStrategy = value;
            return this;
        }

        /** A top-level key of the template, as YAML (e.g. {@code lifecycle: {staleness_action: dlq}}). */
        public Builder with(String yaml) {
            extra.add(yaml);
            return this;
        }

        public String yaml() {
            StringBuilder out = new StringBuilder();
            out.append("name: ").append(name).append('\n')
                    .append("namespace_name: ").append(namespace).append('\n')
                    .append("version: ").append(version).append('\n')
                    .append("identity_strategy: ").append(identityStrategy).append('\n');
            extra.forEach(line -> out.append(line).append('\n'));
            out.append("steps:\n");
            steps.forEach((step, spec) -> {
                out.append("  - {name: ").append(step);
                if (spec.type != null) {
                    out.append(", type: ").append(spec.type);
                }
                out.append(", handler: {callable: ").append(spec.callable).append('}');
                if (!spec.dependsOn.isEmpty()) {
                    out.append(", depends_on: [").append(String.join(", ", spec.dependsOn)).append(']');
                }
                spec.options.forEach(option -> out.append(", ").append(option));
                out.append("}\n");
            });
            return out.toString();
        }

        private Builder copyAs(String newName) {
            Builder copy = new Builder(namespace, newName);
            copy.version = version;
            copy.identityStrategy = identityStrategy;
            copy.extra.addAll(extra);
            steps.forEach((step, spec) -> copy.steps.put(step, spec.copy()));
            return copy;
        }
    }

    private static final class Step {
        private final String callable;
        private final List<String> dependsOn;
        private final List<String> options = new ArrayList<>();
        private String type;

        private Step(String callable, List<String> dependsOn) {
            this.callable = callable;
            this.dependsOn = dependsOn;
        }

        private Step copy() {
            Step copy = new Step(callable, dependsOn);
            copy.type = type;
            copy.options.addAll(options);
            return copy;
        }
    }
}
