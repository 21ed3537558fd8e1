package io.tasker.identity;

import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The organisations. */
public final class Orgs {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final String SELECT = "SELECT " + IdentityRows.ORG_COLUMNS + " FROM tasker.orgs o ";

    private final Jdbc jdbc;
    private final Clock clock;
    private final AdminAudit audit;

    Orgs(Jdbc jdbc, Clock clock, AdminAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates an org; 409 when the slug is taken. */
    public Org create(String name, String slug, Optional<UUID> actor) {
        requireSlug(slug);
        if (name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name: must be 1 to 200 characters");
        }
        try {
            return jdbc.inTransaction(tx -> {
                Org org = tx.queryOne("INSERT INTO tasker.orgs AS o (name, slug, created_at) VALUES (?, ?, ?) RETURNING "
                        + IdentityRows.ORG_COLUMNS, IdentityRows::org, name, slug,
                        IdentityRows.tz(clock.instant())).orElseThrow();
                audit.record(tx, org.id(), actor, "org.create", "org:" + slug, Map.of("name", name));
                return org;
            });
        } catch (DataAccessException e) {
            if (e.isUniqueViolation("orgs_slug_key")) {
                throw new ConflictException("an org with slug '" + slug + "' exists already");
            }
            throw e;
        }
    }

    public List<Org> list() {
        return jdbc.query(SELECT + "ORDER BY o.created_at, o.slug", IdentityRows::org);
    }

    public Optional<Org> find(String slug) {
        return jdbc.queryOne(SELECT + "WHERE o.slug = ?", IdentityRows::org, slug);
    }

    /** The org with this slug, or 404. */
    public Org get(String slug) {
        return find(slug).orElseThrow(() -> new NotFoundException("org '" + slug + "' not found"));
    }

    /** The org with this id, or 404. */
    public Org get(UUID id) {
        return jdbc.queryOne(SELECT + "WHERE o.id = ?", IdentityRows::org, id)
                .orElseThrow(() -> new NotFoundException("org " + id + " not found"));
    }

    public Org defaultOrg() {
        return get(Org.DEFAULT_ID);
    }

    static void requireSlug(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("slug: must be 1 to 63 characters of a-z, 0-9 and '-', starting with a"
                    + " letter or digit; got '" + slug + "'");
        }
    }
}
