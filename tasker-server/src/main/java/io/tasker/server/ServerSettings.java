package io.tasker.server;

import io.tasker.Tasker;
import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import io.tasker.engine.DynamicLimits;
import io.tasker.engine.TaskRequestValidator;
import io.tasker.handler.StepHandler;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.handlers.HttpTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything a server process needs to know, with defaults; built by {@code ConfigLoader} from a YAML file,
 * environment variables and flags, or in code with {@link #defaults()} and the {@code with...} methods.
 */
public record ServerSettings(
        DatabaseSettings database,
        Optional<DataSource> dataSource,
        String bind,
        int port,
        Set<Role> roles,
        List<String> namespaces,
        Optional<Path> templatesDirectory,
        boolean templatesDirectoryRequired,
        Optional<Path> handlersDirectory,
        String environment,
        int concurrency,
        int claimBatch,
        Duration pollInterval,
        Duration lease,
        Duration maintenanceInterval,
        Duration shutdownGrace,
        long maxRequestBytes,
        int maxContextBytes,
        int maxResultBytes,
        int checkpointHistory,
        DynamicLimits dynamicLimits,
        OperationsSettings operations,
        AuthSettings auth,
        Map<String, StepHandler> handlers,
        List<String> templates,
        HttpTargets httpTargets) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_TEMPLATES = Path.of("templates");
    public static final long DEFAULT_MAX_REQUEST_BYTES = 2L * 1024 * 1024;

    public ServerSettings {
        roles = roles.isEmpty() ? roles : EnumSet.copyOf(roles);
        namespaces = List.copyOf(namespaces);
        handlers = Map.copyOf(handlers);
        templates = List.copyOf(templates);
    }

    public static ServerSettings defaults() {
        return new ServerSettings(DatabaseSettings.of(DatabaseTarget.embedded(DatabaseTarget.DEFAULT_DATA_DIRECTORY)),
                Optional.empty(), DEFAULT_BIND, DEFAULT_PORT, EnumSet.allOf(Role.class), List.of(),
                Optional.of(DEFAULT_TEMPLATES), false, Optional.empty(), Tasker.DEFAULT_ENVIRONMENT,
                Tasker.DEFAULT_CONCURRENCY, Tasker.DEFAULT_CLAIM_BATCH, Tasker.DEFAULT_POLL_INTERVAL,
                Tasker.DEFAULT_LEASE, Tasker.DEFAULT_MAINTENANCE_INTERVAL, Tasker.DEFAULT_SHUTDOWN_GRACE,
                DEFAULT_MAX_REQUEST_BYTES, TaskRequestValidator.DEFAULT_MAX_CONTEXT_BYTES,
                Tasker.DEFAULT_MAX_RESULT_BYTES, Tasker.DEFAULT_CHECKPOINT_HISTORY, DynamicLimits.DEFAULTS,
                OperationsSettings.DEFAULTS, AuthSettings.NONE, Map.of(),
                List.of(), HttpTargets.ANY);
    }

    /** Which PostgreSQL to open. */
    public ServerSettings withDatabase(DatabaseSettings value) {
        return new ServerSettings(value, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    /** Uses an existing pool instead of opening {@link #database()} (embedding, tests). */
    public ServerSettings withDataSource(DataSource value) {
        return new ServerSettings(database, Optional.of(value), bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    public ServerSettings withListen(String bindAddress, int listenPort) {
        return new ServerSettings(database, dataSource, bindAddress, listenPort, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    public ServerSettings withRoles(Set<Role> value, List<String> servedNamespaces) {
        return new ServerSettings(database, dataSource, bind, port, value, servedNamespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    public ServerSettings withAuth(AuthSettings value) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, value, handlers, templates, httpTargets);
    }

    public ServerSettings withTimings(Duration poll, Duration leaseDuration, Duration maintenance, Duration grace) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, poll,
                leaseDuration, maintenance, grace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    public ServerSettings withLimits(long requestBytes, int contextBytes) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, requestBytes, contextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, httpTargets);
    }

    /** Adds handlers registered in code (the demo's, a test's). */
    public ServerSettings withHandlers(Map<String, StepHandler> extra) {
        Map<String, StepHandler> all = new LinkedHashMap<>(handlers);
        all.putAll(extra);
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, all, templates, httpTargets);
    }

    /** Templates registered on start in addition to the templates directory (YAML texts). */
    public ServerSettings withTemplates(List<String> yamlTexts, Optional<Path> directory) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, directory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, yamlTexts, httpTargets);
    }

    /** The hosts the built-in http handler may call (redirects included); {@link HttpTargets#ANY}: any. */
    public ServerSettings withHttpTargets(HttpTargets value) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, operations, auth, handlers, templates, value);
    }

    /** Staleness detection and retention. */
    public ServerSettings withOperations(OperationsSettings value) {
        return new ServerSettings(database, dataSource, bind, port, roles, namespaces, templatesDirectory,
                templatesDirectoryRequired, handlersDirectory, environment, concurrency, claimBatch, pollInterval,
                lease, maintenanceInterval, shutdownGrace, maxRequestBytes, maxContextBytes, maxResultBytes,
                checkpointHistory, dynamicLimits, value, auth, handlers, templates, httpTargets);
    }
}
