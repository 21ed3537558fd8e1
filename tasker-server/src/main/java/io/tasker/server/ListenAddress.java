package io.tasker.server;

import io.tasker.Causes;
import io.tasker.InvalidInputException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The API's address, checked before anything else starts. */
final class ListenAddress {

    private ListenAddress() {
    }

    /** Fails at once, naming the address, when another process listens there (port 0 picks a free one later). */
    static void requireFree(String bind, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bind, port));
        } catch (BindException e) {
            throw new InvalidInputException("server.port: " + bind + ":" + port + " is already in use (another"
                    + " Tasker server?); stop it or choose another port with --port");
        } catch (IOException e) {
            throw new InvalidInputException("server.bind: cannot listen on " + bind + ":" + port + ": "
                    + Causes.describe(e));
        }
    }
}
