package io.tasker.identity;

import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The users of the orgs. An external id is unique across orgs (it is what an identity provider calls the user). */
public final class Users {

    private static final String SELECT = "SELECT " + IdentityRows.USER_COLUMNS + " FROM tasker.users u ";

    private final Jdbc jdbc;
    private final Clock clock;
    private final AdminAudit audit;

    Users(Jdbc jdbc, Clock clock, AdminAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates a user of the org; 409 when the external id is taken (in any org). */
    public User create(UUID orgId, String externalId, Optional<String> email, BuiltInRole role, Optional<UUID> actor) {
        requireExternalId(externalId);
        if (externalId.startsWith(User.RESERVED_PREFIX)) {
            throw new InvalidInputException("external_id: ids starting with '" + User.RESERVED_PREFIX
                    + "' are reserved for the server's bootstrap callers");
        }
        email.ifPresent(Users::requireEmail);
        try {
            return jdbc.inTransaction(tx -> {
                User user = insert(tx, orgId, externalId, email, role);
                Map<String, Object> details = new HashMap<>();
                details.put("role", role.slug());
                email.ifPresent(e -> details.put("email", e));
                audit.record(tx, orgId, actor, "user.create", "user:" + externalId, details);
                return user;
            });
        } catch (DataAccessException e) {
            if (e.isUniqueViolation("users_external_id_key")) {
                throw new ConflictException("a user with external id '" + externalId + "' exists already");
            }
            throw e;
        }
    }

    /**
     * The server's user for a caller that is not a person of the database (a bootstrap key of {@code tasker.yaml},
     * or the anonymous caller): created in the default org on first use, with the least base role, since what it may
     * do comes from the configuration.
     */
    public User reserved(String name) {
        String externalId = User.RESERVED_PREFIX + name;
        return jdbc.inTransaction(tx -> {
            tx.update("""
                    INSERT INTO tasker.users (org_id, external_id, role, created_at) VALUES (?, ?, 'viewer', ?)
                    ON CONFLICT (external_id) DO NOTHING
                    """, Org.DEFAULT_ID, externalId, IdentityRows.tz(clock.instant()));
            return tx.queryOne(SELECT + "WHERE u.external_id = ?", IdentityRows::user, externalId).orElseThrow();
        });
    }

    public List<User> list(UUID orgId) {
        return jdbc.query(SELECT + "WHERE u.org_id = ? ORDER BY u.created_at, u.external_id", IdentityRows::user, orgId);
    }

    public Optional<User> findByExternalId(String externalId) {
        return jdbc.queryOne(SELECT + "WHERE u.external_id = ?", IdentityRows::user, externalId);
    }

    /** The user of this org with this external id, or 404 (a user of another org is not found either). */
    public User get(UUID orgId, String externalId) {
        return jdbc.queryOne(SELECT + "WHERE u.external_id = ? AND u.org_id = ?", IdentityRows::user, externalId, orgId)
                .orElseThrow(() -> notFound(externalId));
    }

    public User get(UUID userId) {
        return jdbc.queryOne(SELECT + "WHERE u.id = ?", IdentityRows::user, userId)
                .orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
    }

    /** Disables the user (it can no longer authenticate); 409 when it is the org's last enabled admin. */
    public User disable(UUID orgId, String externalId, Optional<UUID> actor) {
        return jdbc.inTransaction(tx -> {
            // One disabling at a time per org, so that two admins cannot disable each other at once.
            tx.queryOne("SELECT id FROM tasker.orgs WHERE id = ? FOR UPDATE", row -> row.getObject(1, UUID.class), orgId);
            User user = tx.queryOne(SELECT + "WHERE u.external_id = ? AND u.org_id = ?", IdentityRows::user,
                    externalId, orgId).orElseThrow(() -> notFound(externalId));
            if (!user.enabled()) {
                return user;
            }
            if (user.role() == BuiltInRole.ADMIN && enabledAdmins(tx, orgId) <= 1) {
                throw new ConflictException("user '" + externalId + "' is the last enabled admin of the org; make"
                        + " another admin first");
            }
            tx.update("INSERT INTO tasker.user_disablements (user_id, disabled_at, disabled_by) VALUES (?, ?, ?)",
                    user.id(), IdentityRows.tz(clock.instant()), actor.orElse(null));
            audit.record(tx, orgId, actor, "user.disable", "user:" + externalId, Map.of());
            return tx.queryOne(SELECT + "WHERE u.id = ?", IdentityRows::user, user.id()).orElseThrow();
        });
    }

    /** The user with its org and custom roles. */
    public Member member(User user) {
        return jdbc.withConnection(tx -> member(tx, user));
    }

    static Member member(Tx tx, User user) {
        Org org = tx.queryOne("SELECT " + IdentityRows.ORG_COLUMNS + " FROM tasker.orgs o WHERE o.id = ?",
                IdentityRows::org, user.orgId()).orElseThrow();
        List<String> roles = tx.query("""
                SELECT r.slug FROM tasker.org_role_memberships m JOIN tasker.org_roles r ON r.id = m.role_id
                WHERE m.user_id = ? ORDER BY r.slug
                """, row -> row.getString(1), user.id());
        List<String> permissions = tx.query("""
                SELECT DISTINCT p.permission FROM tasker.org_role_memberships m
                JOIN tasker.org_role_permissions p ON p.role_id = m.role_id
                WHERE m.user_id = ?
                """, row -> row.getString(1), user.id());
        return new Member(user, org, roles, java.util.Set.copyOf(permissions));
    }

    private User insert(Tx tx, UUID orgId, String externalId, Optional<String> email, BuiltInRole role) {
        return tx.queryOne("""
                WITH inserted AS (
                    INSERT INTO tasker.users (org_id, external_id, email, role, created_at) VALUES (?, ?, ?, ?, ?)
                    RETURNING *)
                SELECT u.id AS user_id, u.org_id AS user_org_id, u.external_id, u.email, u.role,
                       u.created_at AS user_created_at, NULL::timestamptz AS disabled_at
                FROM inserted u
                """, IdentityRows::user, orgId, externalId, email.orElse(null), role.slug(),
                IdentityRows.tz(clock.instant())).orElseThrow();
    }

    private static long enabledAdmins(Tx tx, UUID orgId) {
        return tx.queryOne("""
                SELECT count(*) FROM tasker.users u
                WHERE u.org_id = ? AND u.role = 'admin'
                  AND NOT EXISTS (SELECT 1 FROM tasker.user_disablements d WHERE d.user_id = u.id)
                """, row -> row.getLong(1), orgId).orElse(0L);
    }

    static NotFoundException notFound(String externalId) {
        return new NotFoundException("user '" + externalId + "' not found");
    }

    private static void requireExternalId(String externalId) {
        if (externalId.isBlank() || externalId.length() > 200 || !externalId.strip().equals(externalId)) {
            throw new InvalidInputException("external_id: must be 1 to 200 characters without surrounding spaces");
        }
    }

    private static void requireEmail(String email) {
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidInputException("email: '" + email + "' is not an email address");
        }
    }
}
