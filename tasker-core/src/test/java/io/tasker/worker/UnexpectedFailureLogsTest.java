package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.scheduler.Maintenance;
import io.tasker.testing.CapturedLogs;
import io.tasker.testing.Engines;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** An unexpected failure of a background loop is logged with its stack trace, not only its message. */
class UnexpectedFailureLogsTest {

    @Test
    void failed_claims_and_maintenance_rounds_are_logged_with_their_stack_trace() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        try (CapturedLogs worker = new CapturedLogs(Worker.class);
             CapturedLogs maintenance = new CapturedLogs(Maintenance.class);
             Tasker tasker = Engines.fast(nowhere).shutdownGrace(Duration.ZERO).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.startingWith("Claiming steps failed").isEmpty()
                    && !maintenance.startingWith("Maintenance round failed").isEmpty());
            assertThat(worker.startingWith("Claiming steps failed").get(0).getThrowableProxy()).isNotNull();
            assertThat(maintenance.startingWith("Maintenance round failed").get(0).getThrowableProxy()).isNotNull();
            assertThat(tasker.runningSteps()).isZero();
        }
    }
}
