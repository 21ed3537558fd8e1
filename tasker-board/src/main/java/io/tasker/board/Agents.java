package io.tasker.board;

import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The agents of each org. An agent name is bound to the first user that acts as it (a name only used as an
 * assignee stays unbound until then); after that, only that user's credentials act as it.
 */
public final class Agents {

    /** Printable characters without spaces, 1 to 128 of them (a user's external id usually fits). */
    public static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");

    private final Jdbc jdbc;
    private final Clock clock;

    Agents(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The agent {@code name} acting for {@code user}: made on first use and bound to the user; refused (403) when
     * it is bound to another user.
     */
    public Agent actingAs(UUID orgId, UUID user, String name) {
        requireName(name);
        if (name.startsWith(Agent.RESERVED_PREFIX)) {
            throw new InvalidInputException("agent: names starting with '" + Agent.RESERVED_PREFIX
                    + "' are the engine's own");
        }
        Optional<UUID> bound = jdbc.inTransaction(tx -> {
            ensure(tx, orgId, name, clock.instant());
            tx.update("UPDATE tasker_board.agents SET user_id = ? WHERE org_id = ? AND name = ? AND user_id IS NULL",
                    user, orgId, name);
            return tx.queryOne("SELECT user_id FROM tasker_board.agents WHERE org_id = ? AND name = ?",
                    row -> Optional.ofNullable(row.getObject(1, UUID.class)), orgId, name).orElseThrow();
        });
        if (!bound.equals(Optional.of(user))) {
            throw new ConflictException("agent '" + name + "' acts for another user; choose another --agent");
        }
        return new Agent(orgId, name, Optional.of(user));
    }

    /** The names of the org's agents, in name order. */
    public List<String> names(UUID orgId) {
        return jdbc.query("SELECT name FROM tasker_board.agents WHERE org_id = ? ORDER BY name",
                row -> row.getString(1), orgId);
    }

    /** Makes sure an agent row exists for {@code name} (an assignee may be named before it ever acts). */
    static void ensure(Tx tx, UUID orgId, String name, Instant now) {
        int made = tx.update("""
                INSERT INTO tasker_board.agents (org_id, name, created_at) VALUES (?, ?, ?)
                ON CONFLICT (org_id, name) DO NOTHING
                """, orgId, name, BoardRows.tz(now));
        if (made == 1) {
            tx.update("""
                    INSERT INTO tasker_board.audit_log (org_id, entity_type, entity_id, action, agent_id, changes,
                        "timestamp")
                    VALUES (?, 'agent', ?, 'create', ?, ?, ?)
                    """, orgId, name, name, Json.object().put("name", name), BoardRows.tz(now));
        }
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("agent: a name is 1 to 128 characters without spaces");
        }
    }
}
