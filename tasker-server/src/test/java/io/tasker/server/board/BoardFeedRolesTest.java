package io.tasker.server.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.server.Role;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The board's LISTEN connection (it wakes live notification streams) is held only by a process that serves the
 * API; a worker or scheduler process has no stream to wake and holds no connection for it.
 */
@DatabaseTest
class BoardFeedRolesTest {

    private static final String FEED_THREAD = "tasker-board-listen";

    @Test
    void only_a_process_with_the_api_role_listens_for_board_notifications(DataSource dataSource) {
        await().atMost(Duration.ofSeconds(30)).until(() -> feedThreads() == 0); // earlier tests' servers are gone
        try (TaskerServer worker = TaskerServer.start(Servers.settings(dataSource)
                .withRoles(EnumSet.of(Role.WORKER, Role.SCHEDULER), List.of()))) {
            assertThat(worker.port()).isEqualTo(-1);
            assertThat(feedThreads()).as("without the API").isZero();
        }
        try (TaskerServer api = Servers.start(dataSource)) {
            assertThat(feedThreads()).as("with the API").isEqualTo(1);
        }
    }

    private static long feedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().equals(FEED_THREAD)).count();
    }
}
