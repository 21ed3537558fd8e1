package io.tasker.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine process of the memory scenario, started by {@link MemoryScenario} as a JVM of its own (with the
 * scenario's {@code -Xmx}) so that nothing else shares its heap. It creates the tasks through its own engine (workers
 * running), keeps working on them for a while, and prints one {@code RESULT} line: peak heap used (sampled every
 * 10 ms), heap used after a full GC, peak RSS (VmHWM) and how many tasks were still unfinished at the end.
 *
 * <p>Arguments: JDBC URL, tasks, workers, pool size, seconds to keep working after creation.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int tasks = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        int poolSize = Integer.parseInt(args[3]);
        long holdMillis = Long.parseLong(args[4]) * 1000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (sampling.get()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        BenchOptions options = BenchOptions.defaults();
        options = new BenchOptions(options.tasks(), options.linearTasks(), options.latencyTasks(),
                options.creations(), options.history(), tasks, options.warmup(), workers, poolSize, false,
                false, true, options.memoryHeap(), options.output(), options.size());
        BenchEvents events = new BenchEvents();
        long heapAfterGc;
        long finished;
        try (HikariDataSource pool = new HikariDataSource(config);
             Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            Workloads.createInBulk(engine, Workloads.HELD, tasks, 0);
            Thread.sleep(holdMillis);
            finished = events.finished(Workloads.HELD);
            System.gc();
            heapAfterGc = memory.getHeapMemoryUsage().getUsed();
        }
        sampling.set(false);
        sampler.join();
        System.out.println(String.format(Locale.ROOT,
                "RESULT peak_heap_mb=%.1f heap_after_gc_mb=%.1f peak_rss_mb=%.1f unfinished=%d max_heap_mb=%.1f",
                peakHeap.get() / 1048576.0, heapAfterGc / 1048576.0, peakRssKb() / 1024.0, tasks - finished,
                Runtime.getRuntime().maxMemory() / 1048576.0));
    }

    /** VmHWM of this process (peak resident set), in kB; 0 where /proc is not available. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }
}
