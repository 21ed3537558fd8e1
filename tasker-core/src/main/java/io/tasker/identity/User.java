package io.tasker.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user of an org: a person or a service, known to an identity provider by {@code externalId}. */
public record User(UUID id, UUID orgId, String externalId, Optional<String> email, BuiltInRole role,
                   Instant createdAt, Optional<Instant> disabledAt) {

    /**
     * Users the server keeps for the callers that are not people of the database: the keys of {@code tasker.yaml}
     * and the anonymous caller of a server without authentication. Their external ids start with this, which
     * nobody else's may (so a JWT can never become one of them).
     */
    public static final String RESERVED_PREFIX = "tasker:";

    public boolean enabled() {
        return disabledAt.isEmpty();
    }

    public boolean isReserved() {
        return externalId.startsWith(RESERVED_PREFIX);
    }
}
