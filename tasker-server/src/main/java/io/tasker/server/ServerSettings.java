package io.tasker.server;

import io.tasker.TaskerBuilder;
import io.tasker.data.DataSettings;
import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import io.tasker.engine.DynamicLimits;
import io.tasker.handler.StepHandler;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.handlers.HttpTargets;
import io.tasker.settings.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything a server process needs to know, with defaults, in one record per concern; built by
 * {@code ConfigLoader} from a YAML file, environment variables and flags, or in code with {@link #defaults()} and
 * the {@code with...} methods. Defaults and ranges of the engine's settings come from {@link EngineSettings}.
 */
public record ServerSettings(Storage storage, Listen listen, Process process, Content content, Engine engine,
                             OperationsSettings operations, AuthSettings auth, DataSettings data) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_TEMPLATES = Path.of("templates");
    public static final long DEFAULT_MAX_REQUEST_BYTES = 2L * 1024 * 1024;
    /** Where the data layer keeps datasets ({@code datasets/}) and reads input files ({@code input/}). */
    public static final Path DEFAULT_DATA_HOME = Path.of(".tasker");

    /** Which PostgreSQL: the target to open, or a pool given in code (embedding, tests). */
    public record Storage(DatabaseSettings database, Optional<DataSource> dataSource) {
    }

    /** Where the API listens, and the largest request body it reads. */
    public record Listen(String bind, int port, long maxRequestBytes) {
    }

    /** What this process does, and for the worker role which namespaces it serves (empty: all). */
    public record Process(Set<Role> roles, List<String> namespaces) {
        public Process {
            roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
            namespaces = List.copyOf(namespaces);
        }
    }

    /**
     * Templates and handlers registered on start.
     *
     * @param templatesDirectoryRequired the directory was configured explicitly, so it must exist
     * @param templates                  YAML texts registered in addition to the directory
     * @param handlers                   handlers registered in code (the demo's, a test's)
     * @param httpTargets                the hosts the built-in http handler may call (redirects included)
     */
    public record Content(Optional<Path> templatesDirectory, boolean templatesDirectoryRequired,
                          List<String> templates, Optional<Path> handlersDirectory, Map<String, StepHandler> handlers,
                          HttpTargets httpTargets) {
        public Content {
            templates = List.copyOf(templates);
            handlers = Map.copyOf(handlers);
        }
    }

    /** The engine's settings, as {@link TaskerBuilder} takes them (see {@link #applyTo}). */
    public record Engine(String environment, int concurrency, int claimBatch, Duration pollInterval, Duration lease,
                         Duration maintenanceInterval, Duration shutdownGrace, int maxContextBytes, int maxResultBytes,
                         int checkpointHistory, DynamicLimits dynamicLimits, boolean eagerDispatch) {

        public static final Engine DEFAULTS = new Engine(EngineSettings.ENVIRONMENT,
                EngineSettings.CONCURRENCY.defaultInt(), EngineSettings.CLAIM_BATCH.defaultInt(),
                EngineSettings.POLL_INTERVAL.defaultValue(), EngineSettings.LEASE.defaultValue(),
                EngineSettings.MAINTENANCE_INTERVAL.defaultValue(), EngineSettings.SHUTDOWN_GRACE.defaultValue(),
                EngineSettings.MAX_CONTEXT_BYTES.defaultInt(), EngineSettings.MAX_RESULT_BYTES.defaultInt(),
                EngineSettings.CHECKPOINT_HISTORY.defaultInt(), DynamicLimits.DEFAULTS, EngineSettings.EAGER_DISPATCH);

        /** Hands every engine setting to the builder, which checks each against its range. */
        public TaskerBuilder applyTo(TaskerBuilder builder) {
            return builder.environment(environment).concurrency(concurrency).claimBatch(claimBatch)
                    .pollInterval(pollInterval).leaseDuration(lease).maintenanceInterval(maintenanceInterval)
                    .shutdownGrace(shutdownGrace).maxContextBytes(maxContextBytes).maxResultBytes(maxResultBytes)
                    .checkpointHistory(checkpointHistory).dynamicLimits(dynamicLimits).eagerDispatch(eagerDispatch);
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings(
                new Storage(DatabaseSettings.of(DatabaseTarget.embedded(DatabaseTarget.DEFAULT_DATA_DIRECTORY)),
                        Optional.empty()),
                new Listen(DEFAULT_BIND, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES),
                new Process(EnumSet.allOf(Role.class), List.of()),
                new Content(Optional.of(DEFAULT_TEMPLATES), false, List.of(), Optional.empty(), Map.of(),
                        HttpTargets.ANY),
                Engine.DEFAULTS, OperationsSettings.DEFAULTS, AuthSettings.NONE, DataSettings.under(DEFAULT_DATA_HOME));
    }

    /** Which PostgreSQL to open. */
    public ServerSettings withDatabase(DatabaseSettings value) {
        return withStorage(new Storage(value, storage.dataSource()));
    }

    /** Uses an existing pool instead of opening the configured database (embedding, tests). */
    public ServerSettings withDataSource(DataSource value) {
        return withStorage(new Storage(storage.database(), Optional.of(value)));
    }

    public ServerSettings withListen(String bindAddress, int listenPort) {
        return new ServerSettings(storage, new Listen(bindAddress, listenPort, listen.maxRequestBytes()), process,
                content, engine, operations, auth, data);
    }

    public ServerSettings withRoles(Set<Role> value, List<String> servedNamespaces) {
        return new ServerSettings(storage, listen, new Process(value, servedNamespaces), content, engine, operations,
                auth, data);
    }

    public ServerSettings withAuth(AuthSettings value) {
        return new ServerSettings(storage, listen, process, content, engine, operations, value, data);
    }

    public ServerSettings withTimings(Duration poll, Duration leaseDuration, Duration maintenance, Duration grace) {
        Engine e = engine;
        return withEngine(new Engine(e.environment(), e.concurrency(), e.claimBatch(), poll, leaseDuration,
                maintenance, grace, e.maxContextBytes(), e.maxResultBytes(), e.checkpointHistory(),
                e.dynamicLimits(), e.eagerDispatch()));
    }

    public ServerSettings withLimits(long requestBytes, int contextBytes) {
        Engine e = engine;
        return new ServerSettings(storage, new Listen(listen.bind(), listen.port(), requestBytes), process, content,
                new Engine(e.environment(), e.concurrency(), e.claimBatch(), e.pollInterval(), e.lease(),
                        e.maintenanceInterval(), e.shutdownGrace(), contextBytes, e.maxResultBytes(),
                        e.checkpointHistory(), e.dynamicLimits(), e.eagerDispatch()), operations, auth, data);
    }

    public ServerSettings withEngine(Engine value) {
        return new ServerSettings(storage, listen, process, content, value, operations, auth, data);
    }

    /** Adds handlers registered in code (the demo's, a test's). */
    public ServerSettings withHandlers(Map<String, StepHandler> extra) {
        Map<String, StepHandler> all = new LinkedHashMap<>(content.handlers());
        all.putAll(extra);
        return withContent(new Content(content.templatesDirectory(), content.templatesDirectoryRequired(),
                content.templates(), content.handlersDirectory(), all, content.httpTargets()));
    }

    /** Templates registered on start in addition to the templates directory (YAML texts). */
    public ServerSettings withTemplates(List<String> yamlTexts, Optional<Path> directory) {
        return withContent(new Content(directory, content.templatesDirectoryRequired(), yamlTexts,
                content.handlersDirectory(), content.handlers(), content.httpTargets()));
    }

    /** The hosts the built-in http handler may call (redirects included); {@link HttpTargets#ANY}: any. */
    public ServerSettings withHttpTargets(HttpTargets value) {
        return withContent(new Content(content.templatesDirectory(), content.templatesDirectoryRequired(),
                content.templates(), content.handlersDirectory(), content.handlers(), value));
    }

    /** Staleness detection and retention. */
    public ServerSettings withOperations(OperationsSettings value) {
        return new ServerSettings(storage, listen, process, content, engine, value, auth, data);
    }

    /** Where the data layer writes datasets and reads input files, and the limits of queries. */
    public ServerSettings withData(DataSettings value) {
        return new ServerSettings(storage, listen, process, content, engine, operations, auth, value);
    }

    private ServerSettings withStorage(Storage value) {
        return new ServerSettings(value, listen, process, content, engine, operations, auth, data);
    }

    private ServerSettings withContent(Content value) {
        return new ServerSettings(storage, listen, process, value, engine, operations, auth, data);
    }
}
