package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.store.jdbc.Jdbc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process that owns the embedded PostgreSQL notices when it is killed: it starts it again on the same data
 * (crash recovery keeps every acknowledged commit), or gives up when it cannot.
 */
class EmbeddedPostgresSupervisorTest {

    @TempDir
    Path temp;

    @Test
    void a_killed_server_is_started_again_with_every_committed_row() throws Exception {
        Path dataDirectory = temp.resolve("pg");
        try (Database database = Database.open(DatabaseSettings.of(DatabaseTarget.embedded(dataDirectory)))) {
            Jdbc jdbc = new Jdbc(database.dataSource());
            jdbc.update("CREATE TABLE kept (id int)");
            jdbc.update("INSERT INTO kept SELECT generate_series(1, 100)");
            AtomicReference<EmbeddedStatus> restarted = new AtomicReference<>();
            database.onEmbeddedEvents(new EmbeddedPostgresSupervisor.Listener() {
                @Override
                public void restarted(EmbeddedStatus status) {
                    restarted.set(status);
                }
            });

            // The postmaster alone: the server processes it leaves behind must not keep the new one from starting.
            killPostmaster(dataDirectory, false);

            await().atMost(Duration.ofSeconds(90)).until(() -> restarted.get() != null);
            assertThat(database.embeddedStatus().orElseThrow().state()).isEqualTo(EmbeddedStatus.State.RUNNING);
            assertThat(database.embeddedStatus().orElseThrow().restarts()).isEqualTo(1);
            assertThat(database.embeddedStatus().orElseThrow().lastProblem().orElseThrow())
                    .contains("stopped unexpectedly");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    jdbc.queryOne("SELECT count(*) FROM kept", row -> row.getInt(1)).orElse(0) == 100);
        }
    }

    @Test
    void a_server_whose_data_directory_is_gone_is_given_up_instead_of_started_empty() throws Exception {
        Path dataDirectory = temp.resolve("pg");
        try (Database database = Database.open(DatabaseSettings.of(DatabaseTarget.embedded(dataDirectory)))) {
            AtomicReference<DatabaseException> gaveUp = new AtomicReference<>();
            database.onEmbeddedEvents(new EmbeddedPostgresSupervisor.Listener() {
                @Override
                public void gaveUp(DatabaseException reason) {
                    gaveUp.set(reason);
                }
            });
            Files.move(dataDirectory.resolve("PG_VERSION"), temp.resolve("PG_VERSION.moved"));

            killPostmaster(dataDirectory, true);

            await().atMost(Duration.ofSeconds(60)).until(() -> gaveUp.get() != null);
            assertThat(gaveUp.get()).hasMessageContaining("stopped unexpectedly")
                    .hasMessageContaining("its data directory no longer holds a database");
            assertThat(database.embeddedStatus().orElseThrow().state()).isEqualTo(EmbeddedStatus.State.FAILED);
            assertThat(dataDirectory.resolve("PG_VERSION")).doesNotExist();
        }
    }

    /** SIGKILL for the postmaster (and its server processes), as a crash or the OOM killer would. */
    static void killPostmaster(Path dataDirectory, boolean withChildren) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.children().toList();
        postmaster.destroyForcibly();
        if (withChildren) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
