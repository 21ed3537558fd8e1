package io.tasker.identity;

import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** Custom roles of an org: which permissions each grants, and which users hold it. */
public final class Roles {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private static final String SELECT = """
            SELECT r.id, r.org_id, r.slug, r.name, r.created_at,
                   ARRAY(SELECT p.permission FROM tasker.org_role_permissions p WHERE p.role_id = r.id) AS permissions
            FROM tasker.org_roles r
            """;

    private final Jdbc jdbc;
    private final Clock clock;
    private final AdminAudit audit;
    private final Set<String> knownPermissions;

    Roles(Jdbc jdbc, Clock clock, AdminAudit audit, Set<String> knownPermissions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.knownPermissions = Set.copyOf(knownPermissions);
    }

    /** Creates a custom role; 409 when the org has a role of that slug (the built-in slugs are taken). */
    public OrgRole create(UUID orgId, String slug, String name, Collection<String> permissions, Optional<UUID> actor) {
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("slug: must be 1 to 63 characters of a-z, 0-9, '_' and '-'; got '"
                    + slug + "'");
        }
        if (BuiltInRole.fromSlug(slug).isPresent()) {
            throw new ConflictException("role '" + slug + "' is a built-in role");
        }
        if (name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name: must be 1 to 200 characters");
        }
        requireKnown(permissions);
        try {
            return jdbc.inTransaction(tx -> {
                UUID id = tx.queryOne("INSERT INTO tasker.org_roles (org_id, slug, name, created_at) VALUES (?, ?, ?, ?)"
                        + " RETURNING id", row -> row.getObject(1, UUID.class), orgId, slug, name,
                        IdentityRows.tz(clock.instant())).orElseThrow();
                addPermissions(tx, id, permissions);
                audit.record(tx, orgId, actor, "role.create", "role:" + slug,
                        Map.of("name", name, "permissions", new TreeSet<>(permissions)));
                return role(tx, orgId, slug);
            });
        } catch (DataAccessException e) {
            if (e.isUniqueViolation("org_roles_org_slug_key")) {
                throw new ConflictException("the org has a role '" + slug + "' already");
            }
            throw e;
        }
    }

    public List<OrgRole> list(UUID orgId) {
        return jdbc.query(SELECT + "WHERE r.org_id = ? ORDER BY r.slug", Roles::map, orgId);
    }

    /** The org's custom role with this slug, or 404. */
    public OrgRole get(UUID orgId, String slug) {
        return jdbc.withConnection(tx -> role(tx, orgId, slug));
    }

    /** Adds permissions to the role (those it has already are kept). */
    public OrgRole grantPermissions(UUID orgId, String slug, Collection<String> permissions, Optional<UUID> actor) {
        requireKnown(permissions);
        return jdbc.inTransaction(tx -> {
            OrgRole role = role(tx, orgId, slug);
            addPermissions(tx, role.id(), permissions);
            audit.record(tx, orgId, actor, "role.grant", "role:" + slug, Map.of("permissions", new TreeSet<>(permissions)));
            return role(tx, orgId, slug);
        });
    }

    public OrgRole revokePermissions(UUID orgId, String slug, Collection<String> permissions, Optional<UUID> actor) {
        return jdbc.inTransaction(tx -> {
            OrgRole role = role(tx, orgId, slug);
            for (String permission : permissions) {
                tx.update("DELETE FROM tasker.org_role_permissions WHERE role_id = ? AND permission = ?", role.id(),
                        permission);
            }
            audit.record(tx, orgId, actor, "role.revoke", "role:" + slug, Map.of("permissions", new TreeSet<>(permissions)));
            return role(tx, orgId, slug);
        });
    }

    /** Gives the role to a user of the same org (a no-op when the user has it). */
    public OrgRole addMember(UUID orgId, String slug, String externalId, Optional<UUID> actor) {
        return jdbc.inTransaction(tx -> {
            OrgRole role = role(tx, orgId, slug);
            UUID user = userOf(tx, orgId, externalId);
            tx.update("INSERT INTO tasker.org_role_memberships (role_id, user_id, created_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", role.id(), user, IdentityRows.tz(clock.instant()));
            audit.record(tx, orgId, actor, "role.add_member", "role:" + slug, Map.of("user", externalId));
            return role;
        });
    }

    public OrgRole removeMember(UUID orgId, String slug, String externalId, Optional<UUID> actor) {
        return jdbc.inTransaction(tx -> {
            OrgRole role = role(tx, orgId, slug);
            UUID user = userOf(tx, orgId, externalId);
            tx.update("DELETE FROM tasker.org_role_memberships WHERE role_id = ? AND user_id = ?", role.id(), user);
            audit.record(tx, orgId, actor, "role.remove_member", "role:" + slug, Map.of("user", externalId));
            return role;
        });
    }

    /** The external ids of the role's members. */
    public List<String> members(UUID orgId, String slug) {
        return jdbc.withConnection(tx -> tx.query("""
                SELECT u.external_id FROM tasker.org_role_memberships m JOIN tasker.users u ON u.id = m.user_id
                WHERE m.role_id = ? ORDER BY u.external_id
                """, row -> row.getString(1), role(tx, orgId, slug).id()));
    }

    private void requireKnown(Collection<String> permissions) {
        for (String permission : permissions) {
            if (!knownPermissions.contains(permission)) {
                throw new InvalidInputException("unknown permission '" + permission + "'; known: "
                        + String.join(", ", new TreeSet<>(knownPermissions)));
            }
        }
    }

    private void addPermissions(Tx tx, UUID roleId, Collection<String> permissions) {
        for (String permission : new TreeSet<>(permissions)) {
            tx.update("INSERT INTO tasker.org_role_permissions (role_id, permission, created_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", roleId, permission, IdentityRows.tz(clock.instant()));
        }
    }

    private static OrgRole role(Tx tx, UUID orgId, String slug) {
        return tx.queryOne(SELECT + "WHERE r.org_id = ? AND r.slug = ?", Roles::map, orgId, slug)
                .orElseThrow(() -> new NotFoundException("role '" + slug + "' not found"));
    }

    private static UUID userOf(Tx tx, UUID orgId, String externalId) {
        return tx.queryOne("SELECT id FROM tasker.users WHERE org_id = ? AND external_id = ?",
                row -> row.getObject(1, UUID.class), orgId, externalId).orElseThrow(() -> Users.notFound(externalId));
    }

    private static OrgRole map(ResultSet row) throws SQLException {
        String[] permissions = (String[]) row.getArray("permissions").getArray();
        return new OrgRole(row.getObject("id", UUID.class), row.getObject("org_id", UUID.class),
                row.getString("slug"), row.getString("name"), new TreeSet<>(List.of(permissions)),
                IdentityRows.instant(row, "created_at"));
    }
}
