package io.tasker.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import sun.misc.Signal;

/**
 * Keeps a long-running command alive until SIGTERM or SIGINT, then closes it in order and lets the command return
 * exit code 0. (With a plain shutdown hook the JVM would exit with 143 on SIGTERM.) If the service fails for good
 * first, it is closed too and the failure is thrown, so that the command exits non-zero saying why.
 */
final class Shutdown {

    private Shutdown() {
    }

    static void runUntilSignalled(AutoCloseable service, CompletableFuture<? extends Exception> failure)
            throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        failure.whenComplete((reason, error) -> stop.countDown());
        stop.await();
        service.close();
        if (failure.isDone()) {
            try {
                throw failure.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
