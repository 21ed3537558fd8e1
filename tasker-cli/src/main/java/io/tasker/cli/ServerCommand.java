package io.tasker.cli;

import io.tasker.server.TaskerServer;
import io.tasker.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tasker server}: the main job. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run Tasker: the embedded (or given) PostgreSQL, migrations, templates, workers for all "
                + "namespaces, the scheduler and the REST API on http://127.0.0.1:8080.",
                "Settings come from --config FILE (or ./tasker.yaml), then TASKER_* environment variables, then "
                        + "these flags; see docs/configuration.md. SIGTERM drains: no new claims, running steps get "
                        + "the grace period, the rest are released, exit 0.",
                "The embedded PostgreSQL is started again if it stops; if that fails, the command exits 4."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TASKER_CONFIG}",
            description = "YAML settings file (default: ./tasker.yaml if present).")
    Path config;

    @Option(names = "--database-url", paramLabel = "URL", description = "External PostgreSQL 17+.")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Embedded PostgreSQL data directory.")
    String dataDirectory;

    @Option(names = "--embedded-port", paramLabel = "PORT", description = "Embedded PostgreSQL port.")
    String embeddedPort;

    @Option(names = "--pool-size", paramLabel = "N", description = "Database connections.")
    String poolSize;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "API address (default 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "API port (default 8080; 0 = any free port).")
    String port;

    @Option(names = "--roles", paramLabel = "ROLES", description = "api,worker,scheduler (default all three).")
    String roles;

    @Option(names = "--namespaces", paramLabel = "NS", description = "Namespaces to run (default all).")
    String namespaces;

    @Option(names = "--templates", paramLabel = "DIR", description = "Template directory (default ./templates).")
    String templates;

    @Option(names = "--handlers", paramLabel = "DIR", description = "Directory of handler jars.")
    String handlers;

    @Option(names = "--env", paramLabel = "NAME", description = "Environment for template overrides.")
    String environment;

    @Option(names = "--concurrency", paramLabel = "N", description = "Handlers running at once.")
    String concurrency;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", description = "Drain time on SIGTERM.")
    String shutdownGrace;

    @Option(names = "--storage-root", paramLabel = "DIR", description = "Where data pipelines write datasets.")
    String storageRoot;

    @Option(names = "--input-root", paramLabel = "DIR", description = "Where the file operator reads input files.")
    String inputRoot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.ofNullable(config), System.getenv(), flags());
        Logging.setLevel(loaded.logLevel());
        TaskerServer server = TaskerServer.start(loaded.settings());
        PrintWriter out = spec.commandLine().getOut();
        loaded.file().ifPresent(file -> out.println("Settings from " + file));
        out.println(server.port() > 0
                ? "Tasker is running: " + server.baseUrl() + " (Ctrl-C or SIGTERM to stop)"
                : "Tasker is running without the API (Ctrl-C or SIGTERM to stop)");
        out.flush();
        Shutdown.runUntilSignalled(server, server.databaseFailure());
        return ExitCodes.OK;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "database.url", databaseUrl);
        put(flags, "database.data_dir", dataDirectory);
        put(flags, "database.embedded_port", embeddedPort);
        put(flags, "database.pool_size", poolSize);
        put(flags, "server.bind", bind);
        put(flags, "server.port", port);
        put(flags, "server.roles", roles);
        put(flags, "worker.namespaces", namespaces);
        put(flags, "templates.dir", templates);
        put(flags, "worker.handlers_dir", handlers);
        put(flags, "engine.environment", environment);
        put(flags, "worker.concurrency", concurrency);
        put(flags, "server.shutdown_grace_seconds", shutdownGrace);
        put(flags, "data.storage_root", storageRoot);
        put(flags, "data.input_root", inputRoot);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
