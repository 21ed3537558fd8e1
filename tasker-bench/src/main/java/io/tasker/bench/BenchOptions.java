package io.tasker.bench;

import java.nio.file.Path;

/**
 * Sizes and settings of a run. The defaults are the published benchmark; {@code --smoke} shrinks every size so the
 * whole run takes seconds (CI runs it so the benchmark cannot rot).
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
 * @param memoryHeap     -Xmx of the memory scenario's engine process
 * @param output         where the JSON goes
 */
record BenchOptions(int tasks, int linearTasks, int latencyTasks, int creations, int history, int memoryTasks,
                    int warmup, int workers, int pool, boolean peers, String memoryHeap, Path output,
                    boolean smoke) {

    static final int DEFAULT_TASKS = 50_000;
    static final int DEFAULT_LINEAR_TASKS = 12_500;
    static final int DEFAULT_LATENCY_TASKS = 1_000;
    static final int DEFAULT_CREATIONS = 1_000;
    static final int DEFAULT_HISTORY = 1_000_000;
    static final int DEFAULT_MEMORY_TASKS = 100_000;
    static final int DEFAULT_WARMUP = 5_000;
    static final int DEFAULT_WORKERS = 32;
    static final int DEFAULT_POOL = 16;
    static final String DEFAULT_MEMORY_HEAP = "256m";
    static final Path DEFAULT_OUTPUT = Path.of("tasker-bench", "target", "bench-results.json");

    static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_TASKS, DEFAULT_LINEAR_TASKS, DEFAULT_LATENCY_TASKS, DEFAULT_CREATIONS,
                DEFAULT_HISTORY, DEFAULT_MEMORY_TASKS, DEFAULT_WARMUP, DEFAULT_WORKERS, DEFAULT_POOL, true,
                DEFAULT_MEMORY_HEAP, DEFAULT_OUTPUT, false);
    }

    /** Tiny sizes: every scenario runs, nothing is measured seriously. */
    static BenchOptions smoke(Path output) {
        return new BenchOptions(200, 50, 20, 20, 1_000, 500, 50, 8, 8, true, DEFAULT_MEMORY_HEAP, output, true);
    }

    static BenchOptions parse(String[] args) {
        BenchOptions o = defaults();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                o = smoke(o.output());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                continue;
            }
            if (arg.equals("--no-peers")) {
                o = new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations, o.history, o.memoryTasks,
                        o.warmup, o.workers, o.pool, false, o.memoryHeap, o.output, o.smoke);
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException("");
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
            o = with(o, name, value);
        }
        return o;
    }

    private static BenchOptions with(BenchOptions o, String name, String value) {
        return switch (name) {
            case "--tasks" -> new BenchOptions(number(name, value), o.linearTasks, o.latencyTasks, o.creations,
                    o.history, o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--linear-tasks" -> new BenchOptions(o.tasks, number(name, value), o.latencyTasks, o.creations,
                    o.history, o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--latency-tasks" -> new BenchOptions(o.tasks, o.linearTasks, number(name, value), o.creations,
                    o.history, o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--creations" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, number(name, value),
                    o.history, o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--history" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations,
                    number(name, value), o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap,
                    o.output, o.smoke);
            case "--memory-tasks" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations,
                    o.history, number(name, value), o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, o.output,
                    o.smoke);
            case "--warmup" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations, o.history,
                    o.memoryTasks, number(name, value), o.workers, o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--workers" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations, o.history,
                    o.memoryTasks, o.warmup, number(name, value), o.pool, o.peers, o.memoryHeap, o.output, o.smoke);
            case "--pool" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations, o.history,
                    o.memoryTasks, o.warmup, o.workers, number(name, value), o.peers, o.memoryHeap, o.output,
                    o.smoke);
            case "--memory-heap" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations,
                    o.history, o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, value, o.output, o.smoke);
            case "--out" -> new BenchOptions(o.tasks, o.linearTasks, o.latencyTasks, o.creations, o.history,
                    o.memoryTasks, o.warmup, o.workers, o.pool, o.peers, o.memoryHeap, Path.of(value), o.smoke);
            default -> throw new UsageException("unknown option " + name);
        };
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
            usage: bin/tasker-bench [--smoke] [--no-peers] [--tasks N] [--linear-tasks N] [--latency-tasks N]
                                    [--creations N] [--history N] [--memory-tasks N] [--warmup N]
                                    [--workers N] [--pool N] [--memory-heap SIZE] [--out FILE]
                   bin/tasker-bench retry-lateness [--tasks N]
            """;

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
