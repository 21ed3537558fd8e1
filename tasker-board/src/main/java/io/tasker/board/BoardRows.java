package io.tasker.board;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Column lists and row mappers shared by the board's stores; times are {@code timestamptz}, bound with an offset. */
final class BoardRows {

    static final String TASK_COLUMNS = "t.id, t.org_id, t.title, t.description, t.status::text AS status,"
            + " t.priority::text AS priority, t.assignee, t.created_by, t.claimed_by, t.lease_expires_at, t.summary,"
            + " t.created_at, t.updated_at, t.completed_at, t.role";

    /** Same columns without the alias, for {@code RETURNING}. */
    static final String TASK_RETURNING = "id, org_id, title, description, status::text AS status,"
            + " priority::text AS priority, assignee, created_by, claimed_by, lease_expires_at, summary, created_at,"
            + " updated_at, completed_at, role";

    private BoardRows() {
    }

    static BoardTask task(ResultSet row) throws SQLException {
        return new BoardTask(row.getString("id"), row.getObject("org_id", UUID.class), row.getString("title"),
                Optional.ofNullable(row.getString("description")), TaskStatus.fromDb(row.getString("status")),
                Priority.fromDb(row.getString("priority")), Optional.ofNullable(row.getString("assignee")),
                row.getString("created_by"), Optional.ofNullable(row.getString("claimed_by")),
                optionalInstant(row, "lease_expires_at"), Optional.ofNullable(row.getString("summary")),
                instant(row, "created_at"), instant(row, "updated_at"), optionalInstant(row, "completed_at"),
                Optional.ofNullable(row.getString("role")));
    }

    static OffsetDateTime tz(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(instant(row, column));
    }
}
