package io.tasker.identity;

import io.tasker.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles every org has. What each grants is decided where the permissions are named (the server's
 * {@code Permission}), so that a release adding a permission grants it to these roles without a migration.
 */
public enum BuiltInRole {
    /** Everything in the org. */
    ADMIN,
    /** Tasks, steps, the dead letter queue; reads templates. */
    OPERATOR,
    /** Templates and tasks. */
    DEVELOPER,
    /** Reads everything, changes nothing. */
    VIEWER,
    /** Claims and completes steps. */
    WORKER;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BuiltInRole> fromSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst();
    }

    /** The role of a slug, or 400 naming the built-in roles. */
    public static BuiltInRole parse(String slug) {
        return fromSlug(slug).orElseThrow(() -> new InvalidInputException("unknown role '" + slug
                + "': a user's base role is one of admin, operator, developer, viewer, worker"));
    }
}
