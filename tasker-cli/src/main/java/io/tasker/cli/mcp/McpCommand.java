package io.tasker.cli.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.tasker.cli.ExitCodes;
import io.tasker.cli.client.ClientOptions;
import io.tasker.cli.client.TaskerClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tasker mcp}: the board as a Model Context Protocol server on stdin/stdout, for coding agents. It is a client
 * of a running Tasker server ({@code --url}, {@code --api-key}) acting as one agent; it ends when stdin closes.
 * Nothing but protocol messages goes to stdout (logs go to stderr).
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the board to a coding agent over stdio (MCP): ready, claim, complete, create, share,"
                + " discover, watch.")
public final class McpCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "${env:TASKER_AGENT_ID}",
            description = "Act as this agent (default: \\$TASKER_AGENT_ID, else the key's user).")
    String agent;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> headers = agent == null || agent.isBlank() ? Map.of() : Map.of("X-Tasker-Agent", agent);
        CountDownLatch stdinClosed = new CountDownLatch(1);
        try (TaskerClient api = client.connect(headers)) {
            StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                    untilClosed(System.in, stdinClosed), System.out);
            McpSyncServer server = McpServer.sync(transport)
                    .serverInfo("tasker-board", version())
                    .instructions("A task board shared with other agents and people. Take work with ready and"
                            + " claim, finish it with complete, tell others with share and discover, read what"
                            + " happened with watch.")
                    .capabilities(ServerCapabilities.builder().tools(false).build())
                    .tools(new BoardTools(api).all())
                    .build();
            stdinClosed.await();
            server.closeGracefully();
        }
        return ExitCodes.OK;
    }

    /** Standard input that counts down {@code closed} when it ends, so the command returns when the client leaves. */
    private static InputStream untilClosed(InputStream in, CountDownLatch closed) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ended(super.read(buffer, offset, length));
            }

            private int ended(int result) {
                if (result < 0) {
                    closed.countDown();
                }
                return result;
            }
        };
    }

    private static String version() {
        String version = McpCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
