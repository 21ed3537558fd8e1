package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.TaskTemplate;
import io.tasker.template.TemplateKey;
import io.tasker.template.TemplateParser;
import io.tasker.template.TemplateValidator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/templates}: list, get, register (YAML or JSON), validate. */
public final class TemplateRoutes {

    private static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml");

    private final Tasker tasker;
    private final Tenants tenants;

    public TemplateRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/templates", this::list, Permission.TEMPLATES_READ);
        routes.post("/v1/templates", this::create, Permission.TEMPLATES_WRITE);
        routes.post("/v1/templates/validate", this::validate, Permission.TEMPLATES_WRITE);
        routes.get("/v1/templates/{namespace}/{name}/{version}", this::get, Permission.TEMPLATES_READ);
    }

    private void list(Context ctx) {
        Optional<String> namespace = Params.query(ctx, "namespace", TemplateValidator.NAMESPACE,
                "a namespace name (a-z, 0-9, _)");
        java.util.Set<String> visible = tenants.namespaces(ctx);
        List<RegisteredTemplate> templates = tasker.templates().all().stream()
                .filter(t -> visible.contains(t.key().namespace()))
                .filter(t -> namespace.map(n -> n.equals(t.key().namespace())).orElse(true)).toList();
        Map<String, Integer> perNamespace = new TreeMap<>();
        templates.forEach(t -> perNamespace.merge(t.key().namespace(), 1, Integer::sum));
        ObjectNode json = Json.object();
        ArrayNode namespaces = json.putArray("namespaces");
        perNamespace.forEach((name, count) -> namespaces.addObject().put("name", name).put("template_count", count));
        ArrayNode list = json.putArray("templates");
        templates.forEach(t -> list.add(Views.templateSummary(t.template())));
        json.put("total_count", templates.size());
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void get(Context ctx) {
        TemplateKey key = new TemplateKey(Params.name(ctx, "namespace", TemplateValidator.NAMESPACE),
                Params.name(ctx, "name", TemplateValidator.NAME), Params.name(ctx, "version", TemplateValidator.VERSION));
        tenants.requireNamespace(ctx, key.namespace());
        ctx.contentType("application/json")
                .result(Json.write(Views.templateDetail(tasker.templates().get(key).template())));
    }

    private void create(Context ctx) {
        TaskTemplate template = parse(ctx);
        tasker.templates().validate(template);
        tenants.claimNamespace(ctx, template.namespace());
        var registration = tasker.templates().registerReporting(template);
        ctx.status(registration.created() ? 201 : 200).contentType("application/json")
                .result(Json.write(Views.templateDetail(registration.template().template())));
    }

    private void validate(Context ctx) {
        TaskTemplate template = parse(ctx);
        tasker.templates().validate(template);
        ObjectNode json = Json.object();
        json.put("valid", true);
        json.set("template", Views.templateDetail(template));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private static TaskTemplate parse(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String body = Utf8Body.of(ctx);
        if (body.isBlank()) {
            throw new FieldException("body", "a template is required");
        }
        if (type.startsWith("application/json")) {
            return TemplateParser.parseJson(body);
        }
        if (YAML_TYPES.stream().anyMatch(type::startsWith)) {
            return TemplateParser.parseYaml(body);
        }
        throw ApiException.unsupportedMediaType("a template must be sent as application/yaml or application/json");
    }
}
