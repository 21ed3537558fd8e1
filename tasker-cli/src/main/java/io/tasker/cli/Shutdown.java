package io.tasker.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Keeps a long-running command alive until SIGTERM or SIGINT, then closes it in order and lets the command return
 * exit code 0. (With a plain shutdown hook the JVM would exit with 143 on SIGTERM.)
 */
final class Shutdown {

    private Shutdown() {
    }

    static void runUntilSignalled(AutoCloseable service) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        stop.await();
        service.close();
    }
}
