package io.tasker.server.auth;

import io.tasker.identity.Member;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A member's effective permissions: the union of its base role's and its custom roles' grants. */
public final class Grants {

    private Grants() {
    }

    public static Set<Permission> of(Member member) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(Permission.grantedBy(member.user().role()));
        // A code this release does not know (written by a newer one) grants nothing here.
        member.customPermissions().forEach(code -> Permission.fromCode(code).ifPresent(permissions::add));
        if (!member.org().isDefault()) {
            // Managing orgs is for the installation's operators: the default org's admins.
            permissions.remove(Permission.ORGS_MANAGE);
        }
        return permissions;
    }

    /** Base role first, then the custom roles. */
    public static List<String> roles(Member member) {
        List<String> roles = new ArrayList<>();
        roles.add(member.user().role().slug());
        roles.addAll(member.customRoles());
        return roles;
    }

    /** Permission codes to permissions; {@code *} means all. Unknown codes are ignored (tokens may carry others). */
    public static Set<Permission> parse(List<String> codes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            if (code.equals("*")) {
                return EnumSet.allOf(Permission.class);
            }
            Permission.fromCode(code).ifPresent(permissions::add);
        }
        return permissions;
    }
}
