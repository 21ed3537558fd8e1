package io.tasker.data;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.identity.Org;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.Engines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import static org.awaitility.Awaitility.await;

/** An engine with the data layer for tests: fast polls, temporary storage and input roots. */
public final class DataEngine implements AutoCloseable {

    public static final UUID ORG = Org.DEFAULT_ID;

    public final Tasker tasker;
    public final DataPipelines data;
    public final Jdbc jdbc;
    public final Path inputRoot;

    private DataEngine(Tasker tasker, DataPipelines data, Jdbc jdbc, Path inputRoot) {
        this.tasker = tasker;
        this.data = data;
        this.jdbc = jdbc;
        this.inputRoot = inputRoot;
    }

    public static DataEngine start(DataSource dataSource, Path directory) {
        return start(dataSource, directory, b -> b);
    }

    public static DataEngine start(DataSource dataSource, Path directory, UnaryOperator<TaskerBuilder> tune) {
        return start(dataSource, directory, Clock.systemUTC(), tune);
    }

    /** An engine on {@code clock} (give the same clock to the builder, e.g. for cron ticks). */
    public static DataEngine start(DataSource dataSource, Path directory, Clock clock,
                                   UnaryOperator<TaskerBuilder> tune) {
        return start(dataSource, DataSettings.under(directory), clock, tune);
    }

    /** An engine with the data layer on {@code settings} (e.g. with OpenLineage events on). */
    public static DataEngine start(DataSource dataSource, DataSettings settings, Clock clock,
                                   UnaryOperator<TaskerBuilder> tune) {
        TaskerBuilder builder = tune.apply(Engines.fast(dataSource).clock(clock));
        DataPipelines data = DataPipelines.install(builder, dataSource, settings, clock);
        Tasker tasker = builder.start();
        data.bind(tasker);
        return new DataEngine(tasker, data, new Jdbc(dataSource), data.settings().inputRoot());
    }

    /** Writes a file under the input root. */
    public void input(String relative, String content) {
        try {
            Path file = inputRoot.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int runs(String job, String status) {
        return jdbc.queryOne("SELECT count(*) FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id"
                + " WHERE j.name = ? AND t.status = ?", row -> row.getInt(1), job, status).orElse(0);
    }

    public int runs(String job) {
        return jdbc.queryOne("SELECT count(*) FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id"
                + " WHERE j.name = ?", row -> row.getInt(1), job).orElse(0);
    }

    /** Waits until no run is unfinished, then until the engine has nothing left to do with them. */
    public void awaitIdle() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryOne(
                "SELECT count(*) FROM tasker_data.tasks WHERE status IN ('waiting', 'queued', 'running', 'retrying')",
                row -> row.getInt(1)).orElse(0) == 0);
    }

    @Override
    public void close() {
        tasker.close();
    }
}
