package io.tasker.data.deploy;

import io.tasker.ConflictException;
import io.tasker.identity.Tenancy;
import io.tasker.json.Json;
import io.tasker.template.TemplateKey;
import io.tasker.template.TemplateParser;
import io.tasker.template.TemplateRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each job maps onto a template of the core engine, so that its runs are ordinary workflow tasks (claims, leases,
 * retries with backoff, timeouts, the dead letter queue and metrics all apply):
 * <ul>
 * <li>namespace {@code data_<24 hex>}: one per org, derived from the org's id (namespace names are global, at most
 * 29 characters, and owned by one org);
 * <li>name {@code <dag>.<job>} (shortened with a hash past 64 characters);
 * <li>version: a hash of what the template holds (operator, retry and timeout), so that DAG versions whose job
 * runs the same way share one template version.
 * </ul>
 * A built-in operator runs as one step ({@code run}); any other handler (a Java handler or an external worker)
 * runs as step {@code run}, whose rows the built-in step {@code publish} writes as the output partition.
 */
public final class JobTemplates {

    public static final String RUN_STEP = "run";
    public static final String PUBLISH_STEP = "publish";
    public static final String PUBLISH_HANDLER = "data.publish";
    /** Backoff between retries of a failed run (the reference's defaults: 30 s doubling to 10 min, with jitter). */
    public static final long BACKOFF_BASE_MS = 30_000;
    public static final long MAX_BACKOFF_MS = 600_000;

    private final TemplateRegistry templates;
    private final Tenancy tenancy;

    public JobTemplates(TemplateRegistry templates, Tenancy tenancy) {
        this.templates = templates;
        this.tenancy = tenancy;
    }

    /** The org's namespace for data jobs. */
    public static String namespace(UUID org) {
        return "data_" + sha256(org.toString()).substring(0, 24);
    }

    public static String templateName(String dag, String job) {
        String name = dag + "." + job;
        return name.length() <= 64 ? name : name.substring(0, 47) + "." + sha256(name).substring(0, 16);
    }

    /** What of a job its template holds. */
    public record Shape(String dag, String job, String operator, ObjectNode config, int maxAttempts,
                        int timeoutSeconds) {

        public static Shape of(JobDraft draft) {
            return new Shape(draft.dag(), draft.job().name(), draft.job().operator(), draft.job().config(),
                    draft.job().maxAttempts(), draft.job().timeoutSeconds());
        }

        public static Shape of(JobRow row) {
            return new Shape(row.dagName(), row.name(), row.operator(), row.operatorConfig(), row.maxAttempts(),
                    row.timeoutSeconds());
        }

        public boolean builtIn() {
            return DeployPlanner.BUILT_IN.contains(operator);
        }
    }

    /** Registers the job's template (a no-op when it exists) and returns its key. */
    public TemplateKey register(UUID org, Shape shape) {
        String namespace = namespace(org);
        if (!tenancy.claimNamespace(org, namespace)) {
            throw new ConflictException("namespace " + namespace + " of the org's data jobs is taken by another org");
        }
        ObjectNode template = definition(namespace, shape);
        templates.register(TemplateParser.parse(template));
        return key(template);
    }

    /** The key of the job's template (registered when its DAG version was deployed). */
    public static TemplateKey key(UUID org, Shape shape) {
        return key(definition(namespace(org), shape));
    }

    private static TemplateKey key(ObjectNode template) {
        return new TemplateKey(template.path("namespace_name").asString(), template.path("name").asString(),
                template.path("version").asString());
    }

    static ObjectNode definition(String namespace, Shape job) {
        ObjectNode body = Json.object();
        body.put("description", "Data job " + job.job() + " of DAG " + job.dag());
        body.put("identity_strategy", "always_unique");
        ArrayNode steps = body.putArray("steps");
        if (job.builtIn()) {
            step(steps.addObject(), RUN_STEP, "data." + job.operator(), job);
        } else {
            ObjectNode run = step(steps.addObject(), RUN_STEP, job.operator(), job);
            ((ObjectNode) run.get("handler")).set("initialization", job.config());
            ObjectNode publish = step(steps.addObject(), PUBLISH_STEP, PUBLISH_HANDLER, job);
            publish.putArray("depends_on").add(RUN_STEP);
        }
        ObjectNode template = Json.object();
        template.put("name", templateName(job.dag(), job.job()));
        template.put("namespace_name", namespace);
        template.put("version", "h" + sha256(Json.canonical(body)).substring(0, 16));
        template.setAll(body);
        return template;
    }

    private static ObjectNode step(ObjectNode step, String name, String callable, Shape job) {
        step.put("name", name);
        step.putObject("handler").put("callable", callable);
        step.putObject("retry").put("retryable", true).put("max_attempts", job.maxAttempts())
                .put("backoff", "exponential").put("backoff_base_ms", BACKOFF_BASE_MS)
                .put("max_backoff_ms", MAX_BACKOFF_MS);
        step.put("timeout_seconds", job.timeoutSeconds());
        return step;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
