-- The coordination board (seed 004 on PostgreSQL): tasks that agents and people share, with dependencies,
-- compare-and-set claims with leases, per-recipient notifications, shared context, file references and an audit
-- log. Every row belongs to an org of the core (tasker.orgs); agents are named per org and act for a user.

CREATE TYPE tasker_board.task_status AS ENUM ('pending', 'in_progress', 'completed', 'blocked', 'cancelled');
COMMENT ON TYPE tasker_board.task_status IS
    'pending: ready unless a dependency is open; in_progress: claimed under a lease; blocked: a dependency is open';

-- Declared from low to high, so ORDER BY priority DESC puts critical first.
CREATE TYPE tasker_board.task_priority AS ENUM ('low', 'medium', 'high', 'critical');

CREATE TYPE tasker_board.notification_type AS ENUM ('task_completed', 'task_unblocked', 'task_assigned',
    'task_cancelled', 'lease_expired', 'discovery', 'critical');

CREATE TYPE tasker_board.context_type AS ENUM ('shared', 'private', 'discovery');

CREATE TABLE tasker_board.agents (
    org_id      uuid        NOT NULL REFERENCES tasker.orgs (id),
    name        text        NOT NULL CHECK (name ~ '^[^[:space:][:cntrl:]]{1,128}$'),
    user_id     uuid        REFERENCES tasker.users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, name)
);
COMMENT ON TABLE tasker_board.agents IS
    'Who acts on the board: a user of the org, or a named agent under a user''s key (bound to that user on first use)';
COMMENT ON COLUMN tasker_board.agents.user_id IS
    'The user whose credentials act as this agent; NULL until an agent that was only named (an assignee) first acts, and for the workflow engine''s own agent';

CREATE TABLE tasker_board.tasks (
    id                char(8)                    NOT NULL PRIMARY KEY CHECK (id ~ '^[0-9a-f]{8}$'),
    org_id            uuid                       NOT NULL REFERENCES tasker.orgs (id),
    title             varchar(500)               NOT NULL CHECK (btrim(title) <> ''),
    description       text,
    status            tasker_board.task_status   NOT NULL DEFAULT 'pending',
    priority          tasker_board.task_priority NOT NULL DEFAULT 'medium',
    assignee          text,
    created_by        text                       NOT NULL,
    claimed_by        text,
    lease_expires_at  timestamptz,
    summary           text,
    request_id        varchar(128),
    created_at        timestamptz                NOT NULL,
    updated_at        timestamptz                NOT NULL,
    completed_at      timestamptz,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, assignee) REFERENCES tasker_board.agents (org_id, name),
    FOREIGN KEY (org_id, created_by) REFERENCES tasker_board.agents (org_id, name),
    FOREIGN KEY (org_id, claimed_by) REFERENCES tasker_board.agents (org_id, name),
    -- A claim and its lease come and go together, and only an in-progress task has them.
    CHECK ((claimed_by IS NULL) = (lease_expires_at IS NULL)),
    CHECK ((status = 'in_progress') = (claimed_by IS NOT NULL)),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
COMMENT ON TABLE tasker_board.tasks IS 'Board tasks (seed 004 tasks), 8-character ids, one org each';
COMMENT ON COLUMN tasker_board.tasks.assignee IS 'The agent the task is meant for (only it may claim it while assigned)';
COMMENT ON COLUMN tasker_board.tasks.claimed_by IS 'The agent working on it now (set by claim, cleared by release, completion or lease expiry)';
COMMENT ON COLUMN tasker_board.tasks.lease_expires_at IS 'When the claim lapses unless renewed by a heartbeat; then the task is pending again';
COMMENT ON COLUMN tasker_board.tasks.summary IS 'The completion summary (or the cancellation reason)';
COMMENT ON COLUMN tasker_board.tasks.request_id IS 'The creator''s request id: creating again with it returns this task';
CREATE UNIQUE INDEX tasks_request_id ON tasker_board.tasks (org_id, created_by, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX tasks_ready ON tasker_board.tasks (org_id, priority DESC, created_at) WHERE status = 'pending';
CREATE INDEX tasks_leases ON tasker_board.tasks (lease_expires_at) WHERE status = 'in_progress';
CREATE INDEX tasks_status ON tasker_board.tasks (org_id, status);
CREATE INDEX tasks_assignee ON tasker_board.tasks (org_id, assignee) WHERE assignee IS NOT NULL;

CREATE TABLE tasker_board.dependencies (
    org_id      uuid        NOT NULL,
    task_id     char(8)     NOT NULL,
    depends_on  char(8)     NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (task_id, depends_on),
    FOREIGN KEY (org_id, task_id) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, depends_on) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE,
    CHECK (task_id <> depends_on)
);
COMMENT ON TABLE tasker_board.dependencies IS
    'task_id waits for depends_on; open while depends_on is not completed; cycles are refused when written';
CREATE INDEX dependencies_depends_on ON tasker_board.dependencies (depends_on);

CREATE TABLE tasker_board.notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      uuid                           NOT NULL REFERENCES tasker.orgs (id),
    agent_id    text,
    task_id     char(8)                        REFERENCES tasker_board.tasks (id) ON DELETE SET NULL,
    type        tasker_board.notification_type NOT NULL,
    message     text                           NOT NULL,
    created_by  text                           NOT NULL,
    created_at  timestamptz                    NOT NULL,
    FOREIGN KEY (org_id, agent_id) REFERENCES tasker_board.agents (org_id, name)
);
COMMENT ON TABLE tasker_board.notifications IS
    'Seed 004 notifications; agent_id NULL is a broadcast to every agent of the org. Read state is per recipient (notification_reads), not a flag here';
CREATE INDEX notifications_recipient ON tasker_board.notifications (org_id, agent_id, id);

CREATE TABLE tasker_board.notification_reads (
    notification_id  bigint      NOT NULL REFERENCES tasker_board.notifications (id) ON DELETE CASCADE,
    org_id           uuid        NOT NULL,
    agent_id         text        NOT NULL,
    read_at          timestamptz NOT NULL,
    PRIMARY KEY (notification_id, agent_id),
    FOREIGN KEY (org_id, agent_id) REFERENCES tasker_board.agents (org_id, name)
);
COMMENT ON TABLE tasker_board.notification_reads IS
    'Which agent has read which notification: a broadcast read by one agent stays unread for the others';

CREATE TABLE tasker_board.participants (
    org_id     uuid        NOT NULL,
    task_id    char(8)     NOT NULL,
    agent_id   text        NOT NULL,
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (task_id, agent_id),
    FOREIGN KEY (org_id, task_id) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, agent_id) REFERENCES tasker_board.agents (org_id, name)
);
COMMENT ON TABLE tasker_board.participants IS
    'Agents taking part in a task: who created, was assigned, claimed, joined or wrote context; told when it completes';

CREATE TABLE tasker_board.context_updates (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       uuid                      NOT NULL,
    task_id      char(8)                   NOT NULL,
    agent_id     text                      NOT NULL,
    update_type  tasker_board.context_type NOT NULL,
    content      text                      NOT NULL CHECK (btrim(content) <> ''),
    request_id   varchar(128),
    created_at   timestamptz               NOT NULL,
    FOREIGN KEY (org_id, task_id) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, agent_id) REFERENCES tasker_board.agents (org_id, name)
);
COMMENT ON TABLE tasker_board.context_updates IS
    'Shared context (shared), private notes only their author reads (private), and discoveries shared with a broadcast (discovery)';
CREATE INDEX context_updates_task ON tasker_board.context_updates (task_id, id);
CREATE UNIQUE INDEX context_updates_request_id ON tasker_board.context_updates (org_id, agent_id, request_id)
    WHERE request_id IS NOT NULL;

CREATE TABLE tasker_board.file_refs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      uuid    NOT NULL,
    task_id     char(8) NOT NULL,
    file_path   text    NOT NULL CHECK (btrim(file_path) <> ''),
    line_start  integer CHECK (line_start >= 1),
    line_end    integer,
    context     text,
    FOREIGN KEY (org_id, task_id) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE,
    CHECK (line_end IS NULL OR (line_start IS NOT NULL AND line_end >= line_start))
);
COMMENT ON TABLE tasker_board.file_refs IS
    'Files (and line ranges; none means the whole file) a task works on; overlapping in-progress ranges are conflicts';
CREATE INDEX file_refs_task ON tasker_board.file_refs (task_id);
CREATE INDEX file_refs_path ON tasker_board.file_refs (org_id, file_path);

CREATE TABLE tasker_board.audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES tasker.orgs (id),
    entity_type  text        NOT NULL CHECK (entity_type IN ('task', 'dependency', 'notification', 'context',
                                                              'file_ref', 'participant', 'agent')),
    entity_id    text        NOT NULL,
    task_id      char(8),
    action       text        NOT NULL,
    agent_id     text        NOT NULL,
    user_id      uuid        REFERENCES tasker.users (id),
    changes      jsonb,
    "timestamp"  timestamptz NOT NULL
);
COMMENT ON TABLE tasker_board.audit_log IS
    'Every change to the board, written in the transaction that made it; task_id ties rows to a task''s history (kept after the task is deleted)';
COMMENT ON COLUMN tasker_board.audit_log.changes IS
    'For a task: the fields set on create, {"field": [before, after]} on update, the last state on delete';
COMMENT ON COLUMN tasker_board.audit_log.user_id IS 'The user whose credentials made the change (NULL for the workflow engine)';
CREATE INDEX audit_log_task ON tasker_board.audit_log (task_id, id) WHERE task_id IS NOT NULL;
CREATE INDEX audit_log_org ON tasker_board.audit_log (org_id, id);
