package io.tasker.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Scenarios 6 (scale: the single-step drain over a large history) and 7 (memory: an engine process holding many
 * active tasks). {@code --quick} skips both but still writes every one of their metrics (value null in the JSON,
 * "n/a" in the table), so every size's JSON has the same keys.
 */
final class ScaleAndMemory {

    /** Scenario, metric and unit of every figure, in print order. */
    static final List<List<String>> METRICS = List.of(
            List.of("6 scale", "completed tasks in history", "tasks"),
            List.of("6 scale", "seeding time", "s"),
            List.of("6 scale", "single-step tasks/s", "tasks/s"),
            List.of("6 scale", "ratio to empty database", "x"),
            List.of("6 scale", "database size per 1,000 completed tasks", "MB"),
            List.of("6 scale", "tasker schema size", "MB"),
            List.of("7 memory", "peak heap used", "MB"),
            List.of("7 memory", "heap used after full GC", "MB"),
            List.of("7 memory", "peak RSS", "MB"),
            List.of("7 memory", "tasks still non-terminal at the end", "tasks"),
            List.of("7 memory", "max heap (-Xmx)", "MB"));

    private ScaleAndMemory() {
    }

    static void run(Results r, BenchDatabase db, BenchOptions o, DataSource pool, TaskerScenarios tasker,
                    PeerRun single) {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (o.runsScaleAndMemory()) {
            measure(figures, db, o, pool, tasker, single, r);
        } else {
            BenchMain.progress("6/7, 7/7 scale and memory: skipped (--quick)");
        }
        for (List<String> metric : METRICS) {
            r.add(metric.get(0), metric.get(1), figures.getOrDefault(metric.get(1), Double.NaN), metric.get(2));
        }
    }

    private static void measure(Map<String, Double> figures, BenchDatabase db, BenchOptions o, DataSource pool,
                                TaskerScenarios tasker, PeerRun single, Results r) {
        BenchMain.progress("6/7 scale: seeding " + o.history() + " completed tasks");
        HistorySeeder seeder = new HistorySeeder(pool, o);
        double seedSeconds = seeder.seed(o.history());
        long[] history = seeder.completedAndBytes();
        BenchMain.progress("6/7 scale: " + o.tasks() + " single-step tasks over " + history[0] + " completed");
        tasker.drain(Workloads.SINGLE, o.warmup());
        db.resetStatements();
        PeerRun scaled = tasker.drain(Workloads.SINGLE, o.tasks());
        r.profile("scale_single_step_top_statements", db.topStatements(BenchDatabase.TASKER, 16));
        figures.put("completed tasks in history", (double) history[0]);
        figures.put("seeding time", seedSeconds);
        figures.put("single-step tasks/s", scaled.perSecond());
        figures.put("ratio to empty database", scaled.perSecond() / single.perSecond());
        figures.put("database size per 1,000 completed tasks", history[1] / 1024.0 / history[0]);
        figures.put("tasker schema size", history[1] / 1048576.0);

        BenchMain.progress("7/7 memory: engine process with " + o.memoryTasks() + " non-terminal tasks");
        Map<String, Double> memory = MemoryScenario.run(db.jdbcUrl(BenchDatabase.TASKER), o,
                o.size() == BenchOptions.Size.SMOKE ? 1 : 10);
        figures.put("peak heap used", memory.get("peak_heap_mb"));
        figures.put("heap used after full GC", memory.get("heap_after_gc_mb"));
        figures.put("peak RSS", memory.get("peak_rss_mb"));
        figures.put("tasks still non-terminal at the end", memory.get("unfinished"));
        figures.put("max heap (-Xmx)", memory.get("max_heap_mb"));
    }
}
