package io.tasker.identity;

import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The identity store: orgs, users, custom roles, API keys, the audit of admin changes, and tenancy (who owns
 * what). {@code knownPermissions} are the permission codes custom roles may grant; whoever names the permissions
 * (the server) passes them, so that a role granting one that does not exist is refused.
 */
public final class Identity {

    private final AdminAudit audit;
    private final Orgs orgs;
    private final Users users;
    private final Roles roles;
    private final Keys keys;
    private final Tenancy tenancy;

    private Identity(Jdbc jdbc, Clock clock, Set<String> knownPermissions) {
        this.audit = new AdminAudit(jdbc, clock);
        this.orgs = new Orgs(jdbc, clock, audit);
        this.users = new Users(jdbc, clock, audit);
        this.roles = new Roles(jdbc, clock, audit, knownPermissions);
        this.keys = new Keys(jdbc, clock, audit);
        this.tenancy = new Tenancy(jdbc);
    }

    public static Identity of(DataSource dataSource, Clock clock, Set<String> knownPermissions) {
        return new Identity(new Jdbc(dataSource), clock, knownPermissions);
    }

    public Orgs orgs() {
        return orgs;
    }

    public Users users() {
        return users;
    }

    public Roles roles() {
        return roles;
    }

    public Keys keys() {
        return keys;
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    public AdminAudit audit() {
        return audit;
    }
}
