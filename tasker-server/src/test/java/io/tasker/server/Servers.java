package io.tasker.server;

import io.tasker.examples.ExampleTemplates;
import io.tasker.server.auth.AuthSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Servers for tests: the shared test database, a free port, fast timings, the example templates. */
public final class Servers {

    private Servers() {
    }

    public static ServerSettings settings(DataSource dataSource) {
        return ServerSettings.defaults()
                .withDataSource(dataSource)
                .withListen("127.0.0.1", 0)
                .withTimings(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5))
                .withTemplates(ExampleTemplates.yamlTexts(), Optional.empty());
    }

    public static TaskerServer start(DataSource dataSource) {
        return TaskerServer.start(settings(dataSource));
    }

    /** A server with only the given templates (YAML texts). */
    public static TaskerServer withTemplates(DataSource dataSource, String... templates) {
        return TaskerServer.start(settings(dataSource).withTemplates(java.util.List.of(templates), Optional.empty()));
    }

    public static TaskerServer start(DataSource dataSource, AuthSettings auth) {
        return TaskerServer.start(settings(dataSource).withAuth(auth));
    }

    /** The user id audit columns record for a bootstrap key of the configuration. */
    public static String bootstrapUserId(DataSource dataSource, String keyName) {
        return new io.tasker.store.jdbc.Jdbc(dataSource).queryOne("SELECT id::text FROM tasker.users WHERE external_id = ?",
                row -> row.getString(1), "tasker:bootstrap:" + keyName).orElseThrow();
    }

    public static TaskerServer start(ServerSettings settings, Map<String, io.tasker.handler.StepHandler> handlers) {
        return TaskerServer.start(settings.withHandlers(handlers));
    }
}
