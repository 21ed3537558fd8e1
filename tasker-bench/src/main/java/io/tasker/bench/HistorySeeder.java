package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.state.TaskState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Fills the history with completed tasks fast: one real single-step task is run to completion by the engine, and its
 * rows in every table (task, step, transitions of both, result audit) are copied in
 * bulk with {@code INSERT ... SELECT} over a series, with fresh time-ordered ids and timestamps spread over the
 * past, by two connections at once. So the seeded rows have exactly the shape the engine writes, indexes included.
 */
final class HistorySeeder {

    private static final int CHUNK = 50_000;
    private static final int SEEDERS = 2;

    private final DataSource pool;
    private final BenchOptions options;

    HistorySeeder(DataSource pool, BenchOptions options) {
        this.pool = pool;
        this.options = options;
    }

    /** Seeds {@code count} completed tasks; returns the seconds it took (including VACUUM ANALYZE). */
    double seed(int count) {
        long t0 = System.nanoTime();
        UUID prototype = prototypeTask();
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger nextChunk = new java.util.concurrent.atomic.AtomicInteger();
        for (int worker = 0; worker < SEEDERS; worker++) {
            int id = worker;
            threads.add(Thread.ofPlatform().name("bench-seed-" + id).start(() -> {
                try {
                    seedChunks(prototype, count, id, nextChunk);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) tasker.tasks, tasker.workflow_steps, tasker.task_transitions,"
                    + " tasker.workflow_step_transitions, tasker.workflow_step_result_audit");
        } catch (SQLException e) {
            throw new IllegalStateException("vacuuming after the seed failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * One seeding connection: takes chunks of {@value #CHUNK} tasks until all are done. Foreign keys and triggers
     * are skipped for this session ({@code session_replication_role = replica}): the copies refer only to rows
     * copied in the same chunk, and the result audit rows the trigger would write are copied too.
     */
    private void seedChunks(UUID prototype, int count, int worker, java.util.concurrent.atomic.AtomicInteger next) {
        String ids = "bench_seed_ids_" + worker;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET session_replication_role = replica");
            s.execute("DROP TABLE IF EXISTS " + ids);
            s.execute("CREATE UNLOGGED TABLE " + ids + " (i int PRIMARY KEY, task_uuid uuid, step_uuid uuid,"
                    + " correlation_id uuid)");
            List<String> statements = statements(c, prototype, count, ids);
            for (int chunk = next.getAndIncrement(); (long) chunk * CHUNK < count; chunk = next.getAndIncrement()) {
                int from = chunk * CHUNK + 1;
                int to = Math.min(count, from + CHUNK - 1);
                c.setAutoCommit(false);
                s.execute("TRUNCATE " + ids);
                s.execute("INSERT INTO " + ids + " SELECT i, uuidv7(), uuidv7(), uuidv7()"
                        + " FROM generate_series(" + from + ", " + to + ") i");
                for (String sql : statements) {
                    s.execute(sql);
                }
                c.commit();
                c.setAutoCommit(true);
            }
            s.execute("DROP TABLE " + ids);
            s.execute("RESET session_replication_role");
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the history failed: " + e.getMessage(), e);
        }
    }

    private static List<String> statements(Connection c, UUID prototype, int count, String ids)
            throws SQLException {
        String step = "(SELECT workflow_step_uuid FROM tasker.workflow_steps WHERE task_uuid = '" + prototype + "')";
        return List.of(
                clone(c, ids, "tasks", "tasker.tasks p", "p.task_uuid = '" + prototype + "'", count, Map.of(
                        "task_uuid", "m.task_uuid",
                        "identity_hash", "'seed-' || m.task_uuid",
                        "correlation_id", "m.correlation_id",
                        "context", "jsonb_build_object('i', m.i)")),
                clone(c, ids, "workflow_steps", "tasker.workflow_steps p", "p.task_uuid = '" + prototype + "'",
                        count, Map.of(
                                "workflow_step_uuid", "m.step_uuid",
                                "task_uuid", "m.task_uuid")),
                clone(c, ids, "task_transitions", "tasker.task_transitions p",
                        "p.task_uuid = '" + prototype + "'", count, Map.of(
                                "task_transition_uuid", derived("m.task_uuid", "p.sort_key"),
                                "task_uuid", "m.task_uuid")),
                clone(c, ids, "workflow_step_transitions", "tasker.workflow_step_transitions p",
                        "p.workflow_step_uuid = " + step, count, Map.of(
                                "workflow_step_transition_uuid", derived("m.step_uuid", "p.sort_key"),
                                "workflow_step_uuid", "m.step_uuid")),
                clone(c, ids, "workflow_step_result_audit", "tasker.workflow_step_result_audit p"
                        + " JOIN tasker.workflow_step_transitions t"
                        + " ON t.workflow_step_transition_uuid = p.workflow_step_transition_uuid",
                        "p.task_uuid = '" + prototype + "'", count, Map.of(
                                "workflow_step_result_audit_uuid", "uuidv7()",
                                "workflow_step_uuid", "m.step_uuid",
                                "workflow_step_transition_uuid", derived("m.step_uuid", "t.sort_key"),
                                "task_uuid", "m.task_uuid",
                                "correlation_id", "m.correlation_id")));
    }

    /** Completed tasks in the database and the bytes of the tasker schema (tables, indexes, TOAST). */
    long[] completedAndBytes() {
        long completed = BenchDatabase.queryLong(pool, "SELECT count(*) FROM tasker.tasks WHERE complete");
        long bytes = BenchDatabase.queryLong(pool, "SELECT sum(pg_total_relation_size(c.oid))::bigint"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'tasker' AND c.relkind = 'r'");
        return new long[] {completed, bytes};
    }

    private UUID prototypeTask() {
        BenchEvents events = new BenchEvents();
        try (Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            UUID task = engine.createTask(Workloads.request(Workloads.SINGLE, -1, 0)).taskUuid();
            TaskState state = engine.awaitCompletion(task, Duration.ofSeconds(30));
            if (state != TaskState.COMPLETE) {
                throw new IllegalStateException("the prototype task ended " + state);
            }
            return task;
        }
    }

    /**
     * A time-ordered id derived from a UUIDv7 and a small number (its last two bytes replaced), so rows that refer to
     * each other can be given matching ids without a lookup table.
     */
    private static String derived(String uuidv7, String small) {
        return "encode(overlay(uuid_send(" + uuidv7 + ") placing int2send((" + small + ")::int2) from 15), 'hex')::uuid";
    }

    /**
     * {@code INSERT INTO tasker.<table> SELECT ...} copying the prototype's rows once per seeded id: columns named in
     * {@code overrides} get that expression, timestamps move back by one millisecond per task (newest last), the
     * rest are copied as they are.
     */
    private static String clone(Connection c, String ids, String table, String from, String where, int count,
                                Map<String, String> overrides) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'tasker'"
                        + " AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rows.next()) {
                String column = rows.getString(1);
                columns.add(column);
                if (overrides.containsKey(column)) {
                    values.add(overrides.get(column));
                } else if (rows.getString(2).startsWith("timestamp")) {
                    values.add("p." + column + " - (" + count + " - m.i + 1) * interval '1 millisecond'");
                } else {
                    values.add("p." + column);
                }
            }
        }
        return "INSERT INTO tasker." + table + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", values) + " FROM " + ids + " m CROSS JOIN " + from + " WHERE " + where;
    }
}
