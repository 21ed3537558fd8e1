package io.tasker.identity;

import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Who changed orgs, users, roles and keys: one row per change, written in the change's transaction. */
public final class AdminAudit {

    /** One recorded change; {@code actor} is empty for the CLI acting on the database directly. */
    public record Entry(UUID id, UUID orgId, Optional<UUID> actor, String action, String subject, JsonNode details,
                        Instant at) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    AdminAudit(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(Tx tx, UUID orgId, Optional<UUID> actor, String action, String subject, Map<String, ?> details) {
        tx.update("""
                INSERT INTO tasker.admin_audit (org_id, actor_id, action, subject, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, orgId, actor.orElse(null), action, subject, Json.toTree(details),
                IdentityRows.tz(clock.instant()));
    }

    /** The org's most recent changes, newest first. */
    public List<Entry> recent(UUID orgId, int limit) {
        return jdbc.query("""
                SELECT id, org_id, actor_id, action, subject, details::text AS details, created_at
                FROM tasker.admin_audit WHERE org_id = ? ORDER BY created_at DESC, id DESC LIMIT ?
                """, row -> new Entry(row.getObject("id", UUID.class), row.getObject("org_id", UUID.class),
                Optional.ofNullable(row.getObject("actor_id", UUID.class)), row.getString("action"),
                row.getString("subject"), Json.parse(row.getString("details")),
                IdentityRows.instant(row, "created_at")), orgId, limit);
    }
}
