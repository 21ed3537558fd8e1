package io.tasker.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.tasker.cli.TaskerCli;
import io.tasker.json.Json;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker mcp} as a child process over stdio, driven by the official SDK's client: it lists its seven tools,
 * and {@code claim} claims on the board (a second claim is an error naming the holder). One client names its agent
 * with {@code --agent}, the other through {@code TASKER_AGENT_ID}.
 */
@DatabaseTest
class McpServerTest {

    @Test
    void the_mcp_server_lists_its_tools_and_claims_a_task_over_stdio(DataSource dataSource) {
        try (TaskerServer server = TaskerServer.start(ServerSettings.defaults().withDataSource(dataSource)
                .withListen("127.0.0.1", 0).withRoles(EnumSet.of(Role.API), List.of())
                .withTemplates(List.of(), Optional.empty()));
             McpSyncClient bob = client(server, List.of("--agent", "bob"), Map.of());
             McpSyncClient cy = client(server, List.of(), Map.of("TASKER_AGENT_ID", "cy"))) {
            bob.initialize();
            cy.initialize();

            List<McpSchema.Tool> tools = bob.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("ready", "claim", "complete", "create", "share", "discover", "watch");
            assertThat(tools).allSatisfy(tool -> assertThat(tool.description()).hasSizeLessThan(80));

            JsonNode created = text(call(bob, "create", Map.of("title", "Port the parser", "priority", "high")));
            String id = created.path("id").asString();
            assertThat(text(call(cy, "ready", Map.of())).path("tasks")).extracting(t -> t.path("id").asString())
                    .containsExactly(id);

            McpSchema.CallToolResult claimed = call(cy, "claim", Map.of("id", id, "ttl_minutes", 15));
            assertThat(claimed.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(text(claimed).path("claimed_by").asString()).isEqualTo("cy");

            McpSchema.CallToolResult lost = call(bob, "claim", Map.of("id", id));
            assertThat(lost.isError()).isTrue();
            assertThat(((McpSchema.TextContent) lost.content().getFirst()).text())
                    .startsWith("board task " + id + " is claimed by cy");

            call(cy, "discover", Map.of("id", id, "content", "the parser has no tests"));
            assertThat(text(call(cy, "complete", Map.of("id", id, "summary", "ported"))).path("status").asString())
                    .isEqualTo("completed");
            assertThat(text(call(bob, "watch", Map.of())).path("notifications")).extracting(n -> n.path("type").asString())
                    .containsExactly("discovery", "task_completed");
        }
    }

    /** {@code tasker mcp} as a child process; the agent from {@code agentFlag} or else from {@code environment}. */
    private static McpSyncClient client(TaskerServer server, List<String> agentFlag, Map<String, String> environment) {
        List<String> args = new ArrayList<>(List.of("-Xmx256m",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), TaskerCli.class.getName(), "mcp", "--url",
                server.baseUrl()));
        args.addAll(agentFlag);
        ServerParameters child = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString())
                .args(args)
                .env(environment)
                .build();
        return McpClient.sync(new StdioClientTransport(child, McpJsonDefaults.getMapper()))
                // A child JVM starts slowly on a shared machine: the SDK's 20 s for initialization is too tight.
                .initializationTimeout(Duration.ofSeconds(120)).requestTimeout(Duration.ofSeconds(60)).build();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static JsonNode text(McpSchema.CallToolResult result) {
        String text = ((McpSchema.TextContent) result.content().getFirst()).text();
        assertThat(result.isError()).as(text).isNotEqualTo(Boolean.TRUE);
        return Json.parse(text);
    }
}
