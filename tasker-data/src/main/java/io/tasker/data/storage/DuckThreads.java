package io.tasker.data.storage;

import io.tasker.handler.RetryableError;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where DuckDB work runs: a few platform threads, as many as the machine has cores. DuckDB works inside native
 * calls, which pin a virtual thread to its carrier; run on the engine's virtual threads, a handful of them would
 * hold every carrier and starve the other virtual threads (those holding database connections among them). Here
 * they cannot, and at most one DuckDB job per core runs at a time.
 */
public final class DuckThreads {

    public static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread thread = new Thread(r, "tasker-duckdb-" + NEXT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private DuckThreads() {
    }

    /** Runs {@code work} on a DuckDB thread and waits for it; an interrupt (timeout, cancel) cancels it. */
    public static <T> T call(Callable<T> work) throws Exception {
        Future<T> future = POOL.submit(work);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RetryableError("interrupted while DuckDB was working");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }
}
