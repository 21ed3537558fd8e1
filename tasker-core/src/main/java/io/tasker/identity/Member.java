package io.tasker.identity;

import java.util.List;
import java.util.Set;

/**
 * A user as a caller sees itself: the user, its org, and the custom roles it holds with the permission codes they
 * grant (the base role's permissions are added by whoever names the permissions).
 */
public record Member(User user, Org org, List<String> customRoles, Set<String> customPermissions) {

    public Member {
        customRoles = List.copyOf(customRoles);
        customPermissions = Set.copyOf(customPermissions);
    }
}
