package io.tasker.bench;

import io.tasker.settings.EngineSettings;
import java.nio.file.Path;

/**
 * Sizes and settings of a run. The defaults are the published benchmark; {@code --quick} is the size for repeated
 * comparisons (about two minutes: both peers, no scale or memory scenario, the same JSON keys); {@code --smoke}
 * shrinks every size so the whole run takes seconds (CI runs it so the benchmark cannot rot).
 *
 * @param tasks          single-step tasks of the throughput scenario (and jobs of each peer)
 * @param linearTasks    4-step linear tasks of the linear throughput scenario
 * @param latencyTasks   linear tasks created one at a time, per latency run (idle, under load)
 * @param creations      single task creations timed, per creation path (in-process, HTTP)
 * @param history        completed tasks seeded before the scale run
 * @param memoryTasks    non-terminal tasks held by the engine of the memory scenario
 * @param warmup         tasks (or jobs) run before each measured throughput run
 * @param workers        handlers running at once: Tasker's concurrency, db-scheduler's threads, JobRunr's workers
 * @param pool           connection pool size of every system
 * @param peers          whether db-scheduler and JobRunr run too
 * @param peerSweep      whether each peer runs every configuration of {@link PeerConfigs} (its best one counts)
 * @param eagerDispatch  whether Tasker's engines dispatch eagerly (default: the engine's, off)
 * @param memoryHeap     -Xmx of the memory scenario's engine process
 * @param output         where the JSON goes
 * @param size           which preset the sizes started from
 */
record BenchOptions(int tasks, int linearTasks, int latencyTasks, int creations, int history, int memoryTasks,
                    int warmup, int workers, int pool, boolean peers, boolean peerSweep, boolean eagerDispatch,
                    String memoryHeap, Path output, Size size) {

    /** The presets; only FULL runs the scale and memory scenarios' heavy parts at their real sizes. */
    enum Size { FULL, QUICK, SMOKE }

    static final int DEFAULT_WORKERS = 32;
    static final int DEFAULT_POOL = 16;
    static final String DEFAULT_MEMORY_HEAP = "256m";
    static final Path DEFAULT_OUTPUT = Path.of("tasker-bench", "target", "bench-results.json");

    static BenchOptions defaults() {
        return new BenchOptions(50_000, 12_500, 1_000, 1_000, 1_000_000, 100_000, 5_000, DEFAULT_WORKERS,
                DEFAULT_POOL, true, false, EngineSettings.EAGER_DISPATCH, DEFAULT_MEMORY_HEAP, DEFAULT_OUTPUT,
                Size.FULL);
    }

    /** About two minutes: 20,000 tasks, both peers, latency and creation with 300, no scale or memory. */
    static BenchOptions quick(Path output) {
        return new BenchOptions(20_000, 5_000, 300, 300, 0, 0, 2_000, DEFAULT_WORKERS, DEFAULT_POOL, true, false,
                EngineSettings.EAGER_DISPATCH, DEFAULT_MEMORY_HEAP, output, Size.QUICK);
    }

    /** Tiny sizes: every scenario runs, nothing is measured seriously. */
    static BenchOptions smoke(Path output) {
        return new BenchOptions(200, 50, 20, 20, 1_000, 500, 50, 8, 8, true, false, EngineSettings.EAGER_DISPATCH,
                DEFAULT_MEMORY_HEAP,
                output, Size.SMOKE);
    }

    /** Whether the scale and memory scenarios run (not in {@code --quick}; their keys stay in the JSON). */
    boolean runsScaleAndMemory() {
        return size != Size.QUICK;
    }

    static BenchOptions parse(String[] args) {
        Builder b = new Builder(defaults());
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                b = new Builder(smoke(DEFAULT_OUTPUT));
            } else if (arg.equals("--quick")) {
                b = new Builder(quick(DEFAULT_OUTPUT));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--smoke", "--quick" -> {
                    continue;
                }
                case "--no-peers" -> {
                    b.peers = false;
                    continue;
                }
                case "--peer-sweep" -> {
                    b.peerSweep = true;
                    continue;
                }
                case "--eager-dispatch" -> {
                    b.eagerDispatch = true;
                    continue;
                }
                case "--no-eager-dispatch" -> {
                    b.eagerDispatch = false;
                    continue;
                }
                case "--help", "-h" -> throw new UsageException("");
                default -> {
                }
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            b.set(name, value);
        }
        return b.build();
    }

    /** The mutable form used while parsing. */
    private static final class Builder {
        int tasks, linearTasks, latencyTasks, creations, history, memoryTasks, warmup, workers, pool;
        boolean peers, peerSweep, eagerDispatch;
        String memoryHeap;
        Path output;
        final Size size;

        Builder(BenchOptions o) {
            tasks = o.tasks;
            linearTasks = o.linearTasks;
            latencyTasks = o.latencyTasks;
            creations = o.creations;
            history = o.history;
            memoryTasks = o.memoryTasks;
            warmup = o.warmup;
            workers = o.workers;
            pool = o.pool;
            peers = o.peers;
            peerSweep = o.peerSweep;
            eagerDispatch = o.eagerDispatch;
            memoryHeap = o.memoryHeap;
            output = o.output;
            size = o.size;
        }

        void set(String name, String value) {
            switch (name) {
                case "--tasks" -> tasks = number(name, value);
                case "--linear-tasks" -> linearTasks = number(name, value);
                case "--latency-tasks" -> latencyTasks = number(name, value);
                case "--creations" -> creations = number(name, value);
                case "--history" -> history = number(name, value);
                case "--memory-tasks" -> memoryTasks = number(name, value);
                case "--warmup" -> warmup = number(name, value);
                case "--workers" -> workers = number(name, value);
                case "--pool" -> pool = number(name, value);
                case "--memory-heap" -> memoryHeap = value;
                case "--out" -> output = Path.of(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }

        BenchOptions build() {
            return new BenchOptions(tasks, linearTasks, latencyTasks, creations, history, memoryTasks, warmup,
                    workers, pool, peers, peerSweep, eagerDispatch, memoryHeap, output, size);
        }
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a non-negative whole number, got '" + value + "'");
        }
    }

    static final String USAGE = """
            usage: bin/tasker-bench [--quick | --smoke] [--no-peers] [--peer-sweep] [--[no-]eager-dispatch]
                                    [--tasks N] [--linear-tasks N] [--latency-tasks N] [--creations N] [--history N] [--memory-tasks N]
                                    [--warmup N] [--workers N] [--pool N] [--memory-heap SIZE] [--out FILE]
                   bin/tasker-bench retry-lateness [--tasks N]
            """;

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
