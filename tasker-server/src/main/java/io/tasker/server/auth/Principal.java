package io.tasker.server.auth;

import java.util.EnumSet;
import java.util.Set;

/** Who is calling: an API key's name or a JWT subject, with its permissions. */
public record Principal(String name, Set<Permission> permissions) {

    /** The caller when authentication is off (loopback only): may do everything. */
    public static final Principal ANONYMOUS = new Principal("anonymous", EnumSet.allOf(Permission.class));

    public Principal {
        permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
