package io.tasker.cli.client;

import io.tasker.testing.DatabaseTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the client command tests: a fresh {@link ClientServer} around each test. */
@DatabaseTest
abstract class WithClientServer {

    ClientServer server;

    @BeforeEach
    void startServer(DataSource dataSource) {
        server = ClientServer.start(dataSource);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
