package io.tasker.board;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What agents tell each other about a task: {@code share} (everyone reads it), {@code note} (only its author reads
 * it) and {@code discover} (shared, and broadcast to every agent). Writing with a request id already used by the
 * same agent returns the first entry instead of writing a second one.
 */
public final class ContextLog {

    public static final int MAX_CONTENT = 20_000;
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final String COLUMNS = "c.id, c.task_id, c.agent_id, c.update_type::text AS update_type, c.content,"
            + " c.request_id, c.created_at";

    private final Jdbc jdbc;
    private final Clock clock;

    ContextLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ContextEntry write(Agent agent, String taskId, ContextType type, String content, Optional<String> requestId) {
        requireContent(content);
        requestId.ifPresent(ContextLog::requireRequestId);
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            BoardTask task = TaskRows.get(tx, agent.orgId(), taskId);
            Optional<ContextEntry> earlier = requestId.flatMap(id -> byRequest(tx, agent, id));
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Agents.ensure(tx, agent.orgId(), agent.name(), now);
            // A concurrent write with the same request id waits on the unique index, then writes nothing.
            Optional<ContextEntry> written = tx.queryOne("""
                    INSERT INTO tasker_board.context_updates AS c (org_id, task_id, agent_id, update_type, content,
                        request_id, created_at)
                    VALUES (?, ?, ?, ?::tasker_board.context_type, ?, ?, ?)
                    ON CONFLICT (org_id, agent_id, request_id) WHERE request_id IS NOT NULL DO NOTHING
                    RETURNING %s
                    """.formatted(COLUMNS), ContextLog::row, agent.orgId(), task.id(), agent.name(), type, content,
                    requestId.orElse(null), BoardRows.tz(now));
            if (written.isEmpty()) {
                return byRequest(tx, agent, requestId.orElseThrow()).orElseThrow();
            }
            ContextEntry entry = written.get();
            AuditLog.record(tx, agent, "context", Long.toString(entry.id()), task.id(), "create",
                    Json.object().put("type", type.dbValue()).put("request_id", requestId.orElse(null)), now);
            Participants.join(tx, agent, task.id(), now);
            if (type == ContextType.DISCOVERY) {
                Notifier.broadcast(tx, agent, task.id(), NotificationType.DISCOVERY,
                        agent.name() + " discovered on " + task.id() + " '" + task.title() + "': " + excerpt(content),
                        now);
            }
            return entry;
        });
    }

    /** The task's shared entries and discoveries, and the agent's own private notes, oldest first. */
    public List<ContextEntry> read(Agent agent, String taskId) {
        return jdbc.withConnection(tx -> {
            TaskRows.get(tx, agent.orgId(), taskId);
            return tx.query("SELECT " + COLUMNS + " FROM tasker_board.context_updates c"
                    + " WHERE c.org_id = ? AND c.task_id = ? AND (c.update_type <> 'private' OR c.agent_id = ?)"
                    + " ORDER BY c.id", ContextLog::row, agent.orgId(), taskId, agent.name());
        });
    }

    /** What {@link #read} shows, for every task of the agent's org at once: task id to its entries, oldest first. */
    Map<String, List<ContextEntry>> readAll(Agent agent) {
        Map<String, List<ContextEntry>> byTask = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM tasker_board.context_updates c"
                + " WHERE c.org_id = ? AND (c.update_type <> 'private' OR c.agent_id = ?) ORDER BY c.task_id, c.id",
                ContextLog::row, agent.orgId(), agent.name())
                .forEach(entry -> byTask.computeIfAbsent(entry.taskId(), id -> new ArrayList<>()).add(entry));
        return byTask;
    }

    private static Optional<ContextEntry> byRequest(Tx tx, Agent agent, String requestId) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM tasker_board.context_updates c"
                        + " WHERE c.org_id = ? AND c.agent_id = ? AND c.request_id = ?", ContextLog::row,
                agent.orgId(), agent.name(), requestId);
    }

    static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    static void requireContent(String content) {
        if (content == null || content.isBlank()) {
            throw new InvalidInputException("content: is required");
        }
        if (content.length() > MAX_CONTENT) {
            throw new InvalidInputException("content: must be at most " + MAX_CONTENT + " characters");
        }
    }

    static void requireRequestId(String requestId) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInputException("request_id: 1 to 128 characters of letters, digits, '.', '_', ':', '-'");
        }
    }

    private static ContextEntry row(ResultSet row) throws SQLException {
        return new ContextEntry(row.getLong("id"), row.getString("task_id"), row.getString("agent_id"),
                ContextType.fromDb(row.getString("update_type")), row.getString("content"),
                Optional.ofNullable(row.getString("request_id")), BoardRows.instant(row, "created_at"));
    }
}
