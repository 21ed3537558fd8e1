package io.tasker.cli.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.tasker.TaskerException;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The board's seven MCP tools, each one call of the REST API as the server's agent. Descriptions and schemas are
 * kept short: every tool costs an agent tokens in each conversation. Answers are the server's JSON, compact.
 */
final class BoardTools {

    private final TaskerClient api;

    BoardTools(TaskerClient api) {
        this.api = api;
    }

    List<SyncToolSpecification> all() {
        return List.of(
                tool("ready", "Ready board tasks you may claim, most urgent first.",
                        schema(Map.of("limit", integer("max tasks, default 20")), List.of()),
                        args -> api.get("/v1/board/ready?claimable=true&limit=" + intArg(args, "limit", 20))),
                tool("claim", "Claim a task before working on it. Fails naming the holder if taken.",
                        schema(Map.of("id", string("task id"), "ttl_minutes", integer("lease, default 30")),
                                List.of("id")),
                        args -> api.post(task(args) + "/claim", Json.object().put("ttl_seconds",
                                60 * intArg(args, "ttl_minutes", 30)))),
                tool("complete", "Complete a task you hold; dependents become ready.",
                        schema(Map.of("id", string("task id"), "summary", string("what was done")), List.of("id")),
                        args -> api.post(task(args) + "/complete", copy(args, "summary"))),
                tool("create", "Create a board task.",
                        schema(Map.of("title", string("what to do"), "description", string("details"),
                                "priority", Map.of("type", "string", "enum", List.of("low", "medium", "high", "critical")),
                                "assignee", string("agent name"), "depends_on", strings("ids it waits for"),
                                "files", strings("path or path:from-to")), List.of("title")),
                        args -> api.post("/v1/board/tasks", copy(args, "title", "description", "priority", "assignee",
                                "depends_on", "files"))),
                tool("share", "Share context on a task with everyone.",
                        schema(Map.of("id", string("task id"), "content", string("text"),
                                "request_id", string("retry-safe id")), List.of("id", "content")),
                        args -> api.post(task(args) + "/context", copy(args, "content", "request_id")
                                .put("type", "shared"))),
                tool("discover", "Share a finding and notify every agent.",
                        schema(Map.of("id", string("task id"), "content", string("finding"),
                                "request_id", string("retry-safe id")), List.of("id", "content")),
                        args -> api.post(task(args) + "/context", copy(args, "content", "request_id")
                                .put("type", "discovery"))),
                tool("watch", "Read your unread notifications (marks them read).",
                        schema(Map.of("limit", integer("max, default 10")), List.of()),
                        args -> api.post("/v1/board/notifications/take", Json.object()
                                .put("limit", intArg(args, "limit", 10)))));
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> schema,
                                              Function<Map<String, Object>, JsonNode> call) {
        return SyncToolSpecification.builder()
                .tool(Tool.builder(name, schema).description(description).build())
                .callHandler((exchange, request) -> {
                    Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
                    try {
                        return CallToolResult.builder().addTextContent(Json.write(call.apply(args))).build();
                    } catch (TaskerException refused) {
                        return CallToolResult.builder().addTextContent(refused.getMessage()).isError(true).build();
                    }
                })
                .build();
    }

    private static String task(Map<String, Object> args) {
        Object id = args.get("id");
        if (!(id instanceof String text) || text.isBlank()) {
            throw new io.tasker.InvalidInputException("id: a task id is required");
        }
        return "/v1/board/tasks/" + TaskerClient.segment(text);
    }

    private static ObjectNode copy(Map<String, Object> args, String... fields) {
        ObjectNode body = Json.object();
        for (String field : fields) {
            Object value = args.get(field);
            if (value != null) {
                body.set(field, Json.toTree(value));
            }
        }
        return body;
    }

    private static int intArg(Map<String, Object> args, String name, int fallback) {
        return args.get(name) instanceof Number number ? number.intValue() : fallback;
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    private static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }
}
