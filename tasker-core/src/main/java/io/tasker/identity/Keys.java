package io.tasker.identity;

import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** API keys of users: created with a random secret shown once, found by the secret's hash, revoked. */
public final class Keys {

    private static final String SELECT = """
            SELECT k.key_uuid, k.user_id, u.external_id AS key_user_external_id, k.name, k.prefix, k.created_at,
                   k.last_used_at, k.expires_at, k.revoked_at
            FROM tasker.api_keys k JOIN tasker.users u ON u.id = k.user_id
            """;

    private final Jdbc jdbc;
    private final Clock clock;
    private final AdminAudit audit;

    Keys(Jdbc jdbc, Clock clock, AdminAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates a key for a user of the org; the secret in the answer is never shown again. */
    public IssuedKey create(UUID orgId, String userExternalId, String name, Optional<Instant> expiresAt,
                            Optional<UUID> actor) {
        if (name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name: must be 1 to 200 characters");
        }
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new InvalidInputException("expires_at: must be in the future");
        }
        String secret = KeySecrets.newSecret();
        return jdbc.inTransaction(tx -> {
            User user = tx.queryOne("SELECT " + IdentityRows.USER_COLUMNS + " FROM tasker.users u"
                    + " WHERE u.org_id = ? AND u.external_id = ?", IdentityRows::user, orgId, userExternalId)
                    .orElseThrow(() -> Users.notFound(userExternalId));
            if (user.isReserved()) {
                throw new InvalidInputException("user '" + userExternalId + "' is a bootstrap caller of the server"
                        + " configuration and cannot have database keys");
            }
            UUID keyUuid = tx.queryOne("""
                    INSERT INTO tasker.api_keys (user_id, name, prefix, key_hash, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING key_uuid
                    """, row -> row.getObject(1, UUID.class), user.id(), name, KeySecrets.prefix(secret),
                    KeySecrets.hash(secret), IdentityRows.tz(now), expiresAt.map(IdentityRows::tz)).orElseThrow();
            Map<String, Object> details = new HashMap<>();
            details.put("name", name);
            details.put("user", userExternalId);
            expiresAt.ifPresent(e -> details.put("expires_at", e.toString()));
            audit.record(tx, orgId, actor, "key.create", "key:" + keyUuid, details);
            return new IssuedKey(get(tx, orgId, keyUuid), secret);
        });
    }

    /** The org's keys (never their secrets), optionally of one user, newest first. */
    public List<ApiKey> list(UUID orgId, Optional<String> userExternalId) {
        return jdbc.query(SELECT + "WHERE u.org_id = ? AND (?::text IS NULL OR u.external_id = ?::text)"
                + " ORDER BY k.created_at DESC, k.key_uuid DESC", Keys::key, orgId, userExternalId.orElse(null),
                userExternalId.orElse(null));
    }

    /** Revokes the org's key (a no-op when revoked already); 404 for a key of another org. */
    public ApiKey revoke(UUID orgId, UUID keyUuid, Optional<UUID> actor) {
        return jdbc.inTransaction(tx -> {
            ApiKey key = get(tx, orgId, keyUuid);
            if (key.revokedAt().isPresent()) {
                return key;
            }
            tx.update("UPDATE tasker.api_keys SET revoked_at = ? WHERE key_uuid = ?", IdentityRows.tz(clock.instant()),
                    keyUuid);
            audit.record(tx, orgId, actor, "key.revoke", "key:" + keyUuid, Map.of("name", key.name()));
            return get(tx, orgId, keyUuid);
        });
    }

    /**
     * The key a caller presented, whatever its status (the caller decides what a revoked or expired key gets), with
     * its member; marks it used.
     */
    public Optional<KeyOwner> lookup(String secret) {
        return jdbc.withConnection(tx -> {
            Optional<ApiKey> key = tx.queryOne(SELECT + "WHERE k.key_hash = ?", Keys::key, KeySecrets.hash(secret));
            if (key.isEmpty()) {
                return Optional.empty();
            }
            tx.update("UPDATE tasker.api_keys SET last_used_at = ? WHERE key_uuid = ?", IdentityRows.tz(clock.instant()),
                    key.get().keyUuid());
            User user = tx.queryOne("SELECT " + IdentityRows.USER_COLUMNS + " FROM tasker.users u WHERE u.id = ?",
                    IdentityRows::user, key.get().userId()).orElseThrow();
            return Optional.of(new KeyOwner(key.get(), Users.member(tx, user)));
        });
    }

    private static ApiKey get(Tx tx, UUID orgId, UUID keyUuid) {
        return tx.queryOne(SELECT + "WHERE k.key_uuid = ? AND u.org_id = ?", Keys::key, keyUuid, orgId)
                .orElseThrow(() -> new NotFoundException("key " + keyUuid + " not found"));
    }

    private static ApiKey key(ResultSet row) throws SQLException {
        return new ApiKey(row.getObject("key_uuid", UUID.class), row.getObject("user_id", UUID.class),
                row.getString("key_user_external_id"), row.getString("name"), row.getString("prefix"),
                IdentityRows.instant(row, "created_at"), IdentityRows.optionalInstant(row, "last_used_at"),
                IdentityRows.optionalInstant(row, "expires_at"), IdentityRows.optionalInstant(row, "revoked_at"));
    }
}
