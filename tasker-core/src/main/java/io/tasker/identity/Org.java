package io.tasker.identity;

import java.time.Instant;
import java.util.UUID;

/** An organisation. */
public record Org(UUID id, String name, String slug, Instant createdAt) {

    /** The id of the org that exists from the start (the V2 migration creates it). */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-7000-8000-000000000001");
    public static final String DEFAULT_SLUG = "default";

    public boolean isDefault() {
        return id.equals(DEFAULT_ID);
    }
}
