package io.tasker.server;

import io.javalin.Javalin;
import io.tasker.InvalidInputException;
import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.board.workflow.BoardStepHandler;
import io.tasker.db.Database;
import io.tasker.db.DatabaseException;
import io.tasker.db.Migrations;
import io.tasker.db.ServerVersion;
import io.tasker.identity.Identity;
import io.tasker.analytics.Analytics;
import io.tasker.server.delivery.OutboxDelivery;
import io.tasker.server.api.RouteTable;
import io.tasker.data.DataPipelines;
import io.tasker.server.api.board.BoardApi;
import io.tasker.server.auth.Authenticator;
import io.tasker.server.auth.Permission;
import io.tasker.server.handlers.HttpStepHandler;
import io.tasker.server.metrics.ServerMetrics;
import io.tasker.store.jdbc.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tasker server process: the database (embedded unless a URL is given), the engine with the roles this process
 * has (API, worker, scheduler), and the REST API. {@link #close()} drains it: the API stops, workers stop claiming,
 * running handlers get the grace period, the rest of their steps are released.
 */
public final class TaskerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskerServer.class);

    private final Optional<Database> database;
    private final Tasker tasker;
    private final ServerMetrics metrics;
    private final DatabaseWatch watch;
    private final Optional<Javalin> http;
    private final List<RouteTable.Route> routes;
    private final ServerSettings settings;
    private final BoardApi board;
    private final Optional<OutboxDelivery> delivery;
    private volatile boolean closed;

    private TaskerServer(Optional<Database> database, Tasker tasker, ServerMetrics metrics, DatabaseWatch watch,
                         Optional<Javalin> http, List<RouteTable.Route> routes, ServerSettings settings,
                         BoardApi board, Optional<OutboxDelivery> delivery) {
        this.database = database;
        this.tasker = tasker;
        this.metrics = metrics;
        this.watch = watch;
        this.http = http;
        this.routes = routes;
        this.settings = settings;
        this.board = board;
        this.delivery = delivery;
    }

    public static TaskerServer start(ServerSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with the given clock for the engine, the API and authentication (tests move time with it). */
    public static TaskerServer start(ServerSettings settings, Clock clock) {
        if (settings.process().roles().contains(Role.API) && !settings.auth().enabled() && !isLoopback(settings.listen().bind())) {
            throw new InvalidInputException("refusing to serve the API on " + settings.listen().bind()
                    + " without authentication: configure auth.api_keys or auth.jwt, or bind to 127.0.0.1");
        }
        if (settings.process().roles().isEmpty()) {
            throw new InvalidInputException("roles: at least one of api, worker, scheduler is needed");
        }
        if (settings.process().roles().contains(Role.API)) {
            // Before the database, migrations and workers: a second server on a taken port would otherwise claim
            // steps of a shared database until its API failed to start.
            ListenAddress.requireFree(settings.listen().bind(), settings.listen().port());
        }
        Optional<Database> database = settings.storage().dataSource().isPresent() ? Optional.empty()
                : Optional.of(Database.open(settings.storage().database()));
        try {
            return startOn(settings.storage().dataSource().orElseGet(() -> database.get().dataSource()), database,
                    settings, clock);
        } catch (RuntimeException e) {
            database.ifPresent(Database::close);
            throw e;
        }
    }

    private static TaskerServer startOn(DataSource dataSource, Optional<Database> database, ServerSettings settings,
                                        Clock clock) {
        ServerVersion serverVersion = ServerVersion.of(dataSource);
        Migrations.migrate(dataSource, serverVersion);
        Jdbc jdbc = new Jdbc(dataSource);
        Identity identity = Identity.of(dataSource, clock, Permission.codes());
        Authenticator authenticator = new Authenticator(settings.auth(), identity, clock);
        if (!settings.auth().apiKeys().isEmpty()) {
            log.info("{} bootstrap API key(s) of the configuration act in the default org; give people and"
                    + " services their own keys with 'tasker admin key create'", settings.auth().apiKeys().size());
        }
        ServerMetrics metrics = new ServerMetrics(jdbc);
        DatabaseWatch watch = new DatabaseWatch(database, new Analytics(jdbc, clock)::ping, metrics);
        TaskerBuilder builder = engine(settings, dataSource, metrics, clock);
        DataPipelines data = DataPipelines.install(builder, dataSource, settings.data(), clock);
        Tasker tasker;
        try {
            tasker = builder.start();
        } catch (RuntimeException e) {
            watch.close();
            metrics.close();
            throw e;
        }
        // From here on a failure stops what started: the board's feed, the engine, the watch and the metrics.
        Optional<BoardApi> attached = Optional.empty();
        try {
            BoardApi board = BoardApi.attach(tasker, dataSource, clock,
                    settings.process().roles().contains(Role.API));
            attached = Optional.of(board);
            data.bind(tasker);
            String databaseText = database.map(db -> db.url().redacted()).orElse("(provided data source)");
            ServerInfo info = new ServerInfo(version(), settings.process().roles(), settings.process().namespaces(),
                    settings.engine().environment(), databaseText, serverVersion.text(), dataSource);
            List<RouteTable.Route> routes = new ArrayList<>();
            Optional<Javalin> http = Optional.empty();
            if (settings.process().roles().contains(Role.API)) {
                http = Optional.of(new HttpApi(settings, tasker, data, board, identity, authenticator, watch, metrics,
                        info, dataSource, clock).start(routes));
                log.info("Tasker API listening on http://{}:{} (roles {})", settings.listen().bind(),
                        http.get().port(), settings.process().roles());
            } else {
                log.info("Tasker running without the API (roles {})", settings.process().roles());
            }
            // Webhooks and events go out from the processes that run the scheduler (any number: they share claims).
            Optional<OutboxDelivery> delivery = settings.process().roles().contains(Role.SCHEDULER)
                    ? Optional.of(new OutboxDelivery(tasker.outbox(), settings.operations().delivery(),
                            settings.content().httpTargets(), clock))
                    : Optional.empty();
            return new TaskerServer(database, tasker, metrics, watch, http, routes, settings, board, delivery);
        } catch (RuntimeException e) {
            attached.ifPresent(BoardApi::close);
            tasker.shutdown(Duration.ZERO);
            watch.close();
            metrics.close();
            throw e;
        }
    }

    public Tasker tasker() {
        return tasker;
    }

    /** The port the API listens on (useful with port 0), or -1 without the API role. */
    public int port() {
        return http.map(Javalin::port).orElse(-1);
    }

    public String baseUrl() {
        return "http://" + (isLoopback(settings.listen().bind()) ? "127.0.0.1" : settings.listen().bind()) + ":" + port();
    }

    /** Completes when the embedded database stopped for good: close this server and exit non-zero then. */
    public CompletableFuture<DatabaseException> databaseFailure() {
        return watch.failure();
    }

    /** The routes the API serves, for documentation checks. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean databaseDown = watch.embeddedDown();
        if (databaseDown) {
            // Nothing can be recorded now: with the pool closed first every write fails at once instead of waiting.
            database.ifPresent(Database::close);
        }
        Duration grace = databaseDown ? Duration.ZERO : settings.engine().shutdownGrace();
        log.info("Stopping: no new requests or claims; running steps get {}s to finish", grace.toSeconds());
        board.close();
        http.ifPresent(Javalin::stop);
        delivery.ifPresent(OutboxDelivery::close);
        tasker.shutdown(grace);
        watch.close();
        metrics.close();
        database.ifPresent(Database::close);
        log.info("Stopped");
    }

    private static TaskerBuilder engine(ServerSettings settings, DataSource dataSource, ServerMetrics metrics,
                                        Clock clock) {
        TaskerBuilder builder = settings.engine().applyTo(Tasker.builder(dataSource))
                .migrate(false)
                .clock(clock)
                .events(metrics)
                .namespaces(settings.process().namespaces())
                .staleness(settings.operations().staleness())
                .retention(settings.operations().retention())
                .runWorkers(settings.process().roles().contains(Role.WORKER))
                .runMaintenance(settings.process().roles().contains(Role.SCHEDULER))
                .eventSubscribers(settings.operations().delivery().subscribers());
        settings.content().handlersDirectory().ifPresent(dir -> builder.handlerClassLoader(handlerJars(dir)));
        builder.handler(HttpStepHandler.NAME, new HttpStepHandler(clock, settings.content().httpTargets()));
        builder.handler(BoardStepHandler.NAME, BoardApi.stepHandler(dataSource, clock));
        settings.content().handlers().forEach(builder::handler);
        settings.content().templates().forEach(builder::template);
        settings.content().templatesDirectory().ifPresent(dir -> {
            if (Files.isDirectory(dir)) {
                builder.templates(dir);
            } else if (settings.content().templatesDirectoryRequired()) {
                throw new InvalidInputException("templates directory " + dir + " does not exist");
            } else {
                log.info("No templates directory at {}; register templates through the API", dir.toAbsolutePath());
            }
        });
        return builder;
    }

    private static ClassLoader handlerJars(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("handlers directory " + directory + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<URL> jars = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
            log.info("Loading handler classes from {} jar(s) in {}", jars.size(), directory);
            return new URLClassLoader(jars.toArray(URL[]::new), TaskerServer.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String version() {
        String version = TaskerServer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
