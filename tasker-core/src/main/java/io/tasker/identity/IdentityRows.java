package io.tasker.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Row mappers of the identity tables, and the conversions between {@code timestamptz} and {@link Instant}. */
final class IdentityRows {

    /** The columns {@link #user} reads, for a query over {@code tasker.users u}. */
    static final String USER_COLUMNS = """
            u.id AS user_id, u.org_id AS user_org_id, u.external_id, u.email, u.role, u.created_at AS user_created_at,
            (SELECT d.disabled_at FROM tasker.user_disablements d WHERE d.user_id = u.id) AS disabled_at""";

    /** The columns {@link #org} reads, for a query over {@code tasker.orgs o}. */
    static final String ORG_COLUMNS = "o.id AS org_id, o.name AS org_name, o.slug AS org_slug, o.created_at AS org_created_at";

    private IdentityRows() {
    }

    static Org org(ResultSet row) throws SQLException {
        return new Org(row.getObject("org_id", UUID.class), row.getString("org_name"), row.getString("org_slug"),
                instant(row, "org_created_at"));
    }

    static User user(ResultSet row) throws SQLException {
        return new User(row.getObject("user_id", UUID.class), row.getObject("user_org_id", UUID.class),
                row.getString("external_id"), Optional.ofNullable(row.getString("email")),
                BuiltInRole.parse(row.getString("role")), instant(row, "user_created_at"),
                optionalInstant(row, "disabled_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** An instant bound for a {@code timestamptz} column (with its offset, whatever the session's time zone). */
    static OffsetDateTime tz(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
