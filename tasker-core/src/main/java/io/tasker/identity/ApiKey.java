package io.tasker.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key's public facts; the secret itself is shown once ({@link IssuedKey}) and stored only as its hash. */
public record ApiKey(UUID keyUuid, UUID userId, String userExternalId, String name, String prefix, Instant createdAt,
                     Optional<Instant> lastUsedAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt) {

    /** Whether the key authenticates at {@code now}. */
    public enum Status { ACTIVE, REVOKED, EXPIRED }

    public Status status(Instant now) {
        if (revokedAt.isPresent()) {
            return Status.REVOKED;
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }
}
