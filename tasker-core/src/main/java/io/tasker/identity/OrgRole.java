package io.tasker.identity;

import java.time.Instant;
import java.util.SortedSet;
import java.util.UUID;

/** A custom role of an org: the permissions it grants (codes such as {@code tasks:read}), given through memberships. */
public record OrgRole(UUID id, UUID orgId, String slug, String name, SortedSet<String> permissions,
                      Instant createdAt) {

    public OrgRole {
        permissions = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(permissions));
    }
}
