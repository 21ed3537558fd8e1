package io.tasker.server.auth;

import io.tasker.identity.Org;
import io.tasker.identity.User;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a user of an org, the roles it holds, and what it may do (the union of its roles' permissions,
 * or a bootstrap key's configured permissions). Every caller has a user row, so audit columns always name one.
 *
 * @param org         the caller's org: everything it sees and makes belongs to it
 * @param user        the caller's user
 * @param roles       base role first, then custom roles (a bootstrap or anonymous caller has {@code bootstrap})
 * @param permissions what the caller may do
 * @param via         how the caller authenticated
 */
public record Caller(Org org, User user, List<String> roles, Set<Permission> permissions, Via via) {

    /** How a caller authenticated. */
    public enum Via {
        /** A user's key from the database. */
        API_KEY,
        /** A key of {@code tasker.yaml} (for bootstrap; acts in the default org). */
        BOOTSTRAP_KEY,
        /** A bearer JWT whose subject is a user's external id. */
        JWT,
        /** No credentials on a server without authentication (loopback only); may do everything. */
        ANONYMOUS
    }

    public Caller {
        roles = List.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public UUID orgId() {
        return org.id();
    }

    public UUID userId() {
        return user.id();
    }

    /** What audit columns record for this caller: the user's id. */
    public String actor() {
        return user.id().toString();
    }

    /** A readable name for messages: the user's external id (a bootstrap key's name for a bootstrap key). */
    public String name() {
        String bootstrap = User.RESERVED_PREFIX + "bootstrap:";
        return user.externalId().startsWith(bootstrap) ? user.externalId().substring(bootstrap.length())
                : user.externalId();
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** Throws 403 unless the caller has the permission. */
    public void require(Permission permission) {
        if (!may(permission)) {
            throw AuthenticationException.forbidden("'" + name() + "' lacks the permission " + permission.code());
        }
    }
}
