package io.tasker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs every scenario against a fresh embedded PostgreSQL 18, prints one table and writes the JSON file. See
 * docs/benchmarks.md for what each figure measures.
 */
public final class BenchMain {

    /** The background load of the latency scenario, as a fraction of the measured single-step throughput. */
    static final double LOAD_FRACTION = 0.5;
    private static final long STARTED = System.nanoTime();

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("retry-lateness")) {
            RetryLateness.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("tasker-bench: " + e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Results results = run(options, String.join(" ", args));
        results.print(System.out);
        results.writeJson(options.output());
        System.out.println();
        System.out.println("JSON: " + options.output().toAbsolutePath());
        System.exit(0);
    }

    /** Runs the scenarios in order; each Tasker and peer run is preceded by a warm-up run of the same kind. */
    static Results run(BenchOptions o, String arguments) {
        long started = System.nanoTime();
        Results r = new Results();
        environment(r, o, arguments);
        try (BenchDatabase db = BenchDatabase.start()) {
            r.environment("postgresql", db.serverVersion());
            r.environment("durability", db.durability());
            DataSource pool = db.pool(BenchDatabase.TASKER, o.pool(), "tasker");
            TaskerScenarios tasker = new TaskerScenarios(pool, o);
            progress("1/7 throughput: warm-up, then " + o.tasks() + " single-step tasks");

            tasker.drain(Workloads.SINGLE, o.warmup());
            db.resetStatements();
            PeerRun single = tasker.drain(Workloads.SINGLE, o.tasks());
            r.profile("throughput_single_step_top_statements", db.topStatements(BenchDatabase.TASKER, 16));
            r.add("1 throughput", "single-step tasks/s", single.perSecond(), "tasks/s");
            r.add("1 throughput", "single-step steps/s", single.perSecond(), "steps/s");
            r.add("1 throughput", "single-step drain time", single.seconds(), "s");
            r.add("1 throughput", "single-step drain incl. engine start", single.secondsWithStartup(), "s");
            progress("1/7 throughput: " + o.linearTasks() + " 4-step linear tasks");
            tasker.drain(Workloads.LINEAR, Math.max(10, o.warmup() / 4));
            PeerRun linear = tasker.drain(Workloads.LINEAR, o.linearTasks());
            r.add("1 throughput", "linear 4-step tasks/s", linear.perSecond(), "tasks/s");
            r.add("1 throughput", "linear 4-step steps/s", linear.perSecond() * 4, "steps/s");
            KeyedNeighbours.run(r, o, tasker);

            if (o.peers()) {
                PeerScenario.run(r, db, o, single);
            }

            progress("3/7 latency: " + o.latencyTasks() + " linear tasks one at a time, idle");
            TaskerScenarios.Latency idle = tasker.latencyIdle();
            latency(r, "3 latency idle", idle);
            progress("3/7 latency: the same with eager dispatch " + (o.eagerDispatch() ? "off" : "on"));
            TaskerScenarios.Latency other = tasker.latencyIdle(!o.eagerDispatch());
            // Stable keys in either mode: "toggled" is the opposite of settings.eager_dispatch.
            r.add("3 latency idle", "end-to-end p50, eager dispatch toggled (right after)",
                    other.endToEnd().percentileMillis(50), "ms");
            r.add("3 latency idle", "enqueue-to-start p50, eager dispatch toggled (right after)",
                    other.enqueueToStart().percentileMillis(50), "ms");
            double load = Math.max(10, LOAD_FRACTION * single.perSecond());
            progress("3/7 latency: under a background load of " + Math.round(load) + " tasks/s");
            TaskerScenarios.Latency busy = tasker.latencyUnderLoad(load);
            latency(r, "3 latency under load", busy);
            r.add("3 latency under load", "background load offered", load, "tasks/s");
            r.add("4 enqueue-to-start", "idle p50", idle.enqueueToStart().percentileMillis(50), "ms");
            r.add("4 enqueue-to-start", "idle p95", idle.enqueueToStart().percentileMillis(95), "ms");
            r.add("4 enqueue-to-start", "idle p99", idle.enqueueToStart().percentileMillis(99), "ms");
            r.add("4 enqueue-to-start", "under load p50 (priority steps)",
                    busy.enqueueToStart().percentileMillis(50), "ms");
            r.add("4 enqueue-to-start", "under load p95 (priority steps)",
                    busy.enqueueToStart().percentileMillis(95), "ms");
            r.add("4 enqueue-to-start", "under load p99 (priority steps)",
                    busy.enqueueToStart().percentileMillis(99), "ms");
            r.add("4 enqueue-to-start", "under load p50 (background steps)", busy.loadEnqueueToStartP50(), "ms");

            progress("5/7 task creation: " + o.creations() + " in-process, " + o.creations() + " over HTTP");
            Samples inProcess = tasker.creationInProcess();
            r.add("5 task creation", "in-process p50", inProcess.percentileMillis(50), "ms");
            r.add("5 task creation", "in-process p95", inProcess.percentileMillis(95), "ms");
            Samples http = HttpCreation.run(pool, o);
            r.add("5 task creation", "HTTP POST /v1/tasks p50", http.percentileMillis(50), "ms");
            r.add("5 task creation", "HTTP POST /v1/tasks p95", http.percentileMillis(95), "ms");

            ScaleAndMemory.run(r, db, o, pool, tasker, single);

            goals(r, o, single);
        }
        r.environment("benchmark duration", Math.round((System.nanoTime() - started) / 1e9) + " s");
        return r;
    }

    private static void latency(Results r, String scenario, TaskerScenarios.Latency latency) {
        Samples e2e = latency.endToEnd();
        r.add(scenario, "tasks measured", e2e.size(), "tasks");
        r.add(scenario, "end-to-end p50", e2e.percentileMillis(50), "ms");
        r.add(scenario, "end-to-end p95", e2e.percentileMillis(95), "ms");
        r.add(scenario, "end-to-end p99", e2e.percentileMillis(99), "ms");
        r.add(scenario, "per edge p50 (end-to-end / 3 edges)", e2e.percentileMillis(50) / 3, "ms");
        r.add(scenario, "per edge p95", e2e.percentileMillis(95) / 3, "ms");
        r.add(scenario, "per edge p99", e2e.percentileMillis(99) / 3, "ms");
    }

    private static void goals(Results r, BenchOptions o, PeerRun single) {
        double tps = single.perSecond();
        r.goal("throughput, single-step tasks with full history", ">= 5,000 tasks/s", fmt(tps) + " tasks/s",
                tps >= 5000);
        if (o.peers()) {
            double dbs = r.value("2 peers", "db-scheduler jobs/s");
            double jr = r.value("2 peers", "JobRunr jobs/s");
            r.goal("throughput above db-scheduler and JobRunr", "> both", fmt(tps) + " vs " + fmt(dbs) + " / "
                    + fmt(jr), tps > dbs && tps > jr);
        }
        double e2e = r.value("3 latency idle", "end-to-end p50");
        r.goal("linear 4-step end-to-end p50 (idle)", "<= 10 ms", fmt(e2e) + " ms", e2e <= 10);
        double ets = r.value("4 enqueue-to-start", "idle p50");
        r.goal("enqueue-to-start p50 (idle)", "<= 2 ms", fmt(ets) + " ms", ets <= 2);
        double http = r.value("5 task creation", "HTTP POST /v1/tasks p50");
        r.goal("task creation over HTTP p50", "<= 3 ms", fmt(http) + " ms", http <= 3);
        double ratio = r.value("6 scale", "ratio to empty database");
        r.goal("scale ratio with " + o.history() + " completed tasks", ">= 0.8",
                measured(ratio, fmt(ratio)), ratio >= 0.8);
        double heap = r.value("7 memory", "peak heap used");
        r.goal("engine heap with " + o.memoryTasks() + " active tasks", "<= 256 MB",
                measured(heap, fmt(heap) + " MB (-Xmx" + o.memoryHeap() + ")"), heap <= 256);
    }

    private static void environment(Results r, BenchOptions o, String arguments) {
        r.environment("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        r.environment("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        r.environment("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        r.environment("cores", Runtime.getRuntime().availableProcessors());
        r.environment("load average at start", loadAverage());
        r.environment("mode", switch (o.size()) {
            case SMOKE -> "smoke (tiny sizes; figures mean nothing)";
            case QUICK -> "quick (20,000 tasks, 300 latency tasks and creations; no scale or memory scenario)";
            case FULL -> "full";
        });
        r.environment("arguments", arguments.isEmpty() ? "(defaults)" : arguments);
        r.setting("tasks", o.tasks());
        r.setting("linear_tasks", o.linearTasks());
        r.setting("latency_tasks", o.latencyTasks());
        r.setting("creations", o.creations());
        r.setting("history", o.history());
        r.setting("memory_tasks", o.memoryTasks());
        r.setting("warmup", o.warmup());
        r.setting("workers", o.workers());
        r.setting("pool", o.pool());
        r.setting("peers", o.peers());
        r.setting("peer_sweep", o.peerSweep());
        r.setting("eager_dispatch", o.eagerDispatch());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A skipped scenario (--quick) shows as not measured rather than as a miss. */
    private static String measured(double value, String text) {
        return Double.isNaN(value) ? "not measured (--quick)" : text;
    }

    private static String fmt(double value) {
        return Results.format(value);
    }

    static void progress(String message) {
        System.err.printf("[tasker-bench %4ds] %s%n", (System.nanoTime() - STARTED) / 1_000_000_000L, message);
    }
}
