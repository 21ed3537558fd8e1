-- Tasker canonical schema (seed 000 tables, the older seed 001 tables, and what the engine needs).
-- Runs unchanged on PostgreSQL 17 and 18. All times are UTC `timestamp` values written by the engine's clock;
-- the column defaults only cover rows written by hand. Flyway creates the schema itself (its history table lives
-- there too), so this script does not.

-- ---------------------------------------------------------------------------------------------------------------
-- UUIDv7 primary keys: one function name on both versions. PostgreSQL 18 has uuidv7() built in; on 17 we build
-- the same layout (48-bit Unix milliseconds, version 7, RFC 9562 variant, random tail) in plain PL/pgSQL.
-- ---------------------------------------------------------------------------------------------------------------
DO $migration$
BEGIN
    IF current_setting('server_version_num')::integer >= 180000 THEN
        EXECUTE $fn$
            CREATE OR REPLACE FUNCTION tasker.uuid_generate_v7() RETURNS uuid
            LANGUAGE sql VOLATILE PARALLEL SAFE
            AS 'SELECT uuidv7()'
        $fn$;
    ELSE
        EXECUTE $fn$
            CREATE OR REPLACE FUNCTION tasker.uuid_generate_v7() RETURNS uuid
            LANGUAGE plpgsql VOLATILE PARALLEL SAFE
            AS $body$
            DECLARE
                bytes  bytea  := uuid_send(gen_random_uuid());
                millis bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
            BEGIN
                -- gen_random_uuid() already carries the variant bits; overwrite the time prefix and the version.
                bytes := overlay(bytes PLACING substring(int8send(millis) FROM 3) FROM 1 FOR 6);
                bytes := set_byte(bytes, 6, (get_byte(bytes, 6) & 15) | 112);
                RETURN encode(bytes, 'hex')::uuid;
            END
            $body$
        $fn$;
    END IF;
END
$migration$;

COMMENT ON FUNCTION tasker.uuid_generate_v7() IS
    'Time-ordered UUIDv7: native uuidv7() on PostgreSQL 18, an equivalent PL/pgSQL function on 17';

-- ---------------------------------------------------------------------------------------------------------------
-- Enums of the dead letter queue
-- ---------------------------------------------------------------------------------------------------------------
CREATE TYPE tasker.dlq_reason AS ENUM (
    'staleness_timeout',
    'max_retries_exceeded',
    'dependency_cycle_detected',
    'worker_unavailable',
    'manual_dlq'
);

CREATE TYPE tasker.dlq_resolution_status AS ENUM (
    'pending',
    'manually_resolved',
    'permanently_failed',
    'cancelled'
);

-- ---------------------------------------------------------------------------------------------------------------
-- Templates: namespaces, named tasks (versioned templates), named steps and their join table
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE tasker.task_namespaces (
    task_namespace_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    name                varchar(64)  NOT NULL,
    description         varchar(255),
    created_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT task_namespaces_pkey PRIMARY KEY (task_namespace_uuid),
    CONSTRAINT task_namespaces_name_key UNIQUE (name),
    CONSTRAINT task_namespaces_name_format CHECK (name ~ '^[a-z0-9_]{1,29}$')
);
COMMENT ON TABLE tasker.task_namespaces IS 'Multi-tenant namespace isolation for task definitions';

CREATE TABLE tasker.named_tasks (
    named_task_uuid     uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_namespace_uuid uuid         NOT NULL,
    name                varchar(64)  NOT NULL,
    description         varchar(255),
    version             varchar(32)  NOT NULL DEFAULT '0.1.0',
    configuration       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT named_tasks_pkey PRIMARY KEY (named_task_uuid),
    CONSTRAINT named_tasks_namespace_name_version_key UNIQUE (task_namespace_uuid, name, version),
    CONSTRAINT named_tasks_task_namespace_uuid_fkey FOREIGN KEY (task_namespace_uuid)
        REFERENCES tasker.task_namespaces (task_namespace_uuid)
);
COMMENT ON TABLE tasker.named_tasks IS 'Reusable task templates with versioned configuration';
COMMENT ON COLUMN tasker.named_tasks.configuration IS 'The parsed template (steps, retry policies, handlers) as registered';

CREATE TABLE tasker.dependent_systems (
    dependent_system_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    name                  varchar(64)  NOT NULL,
    description           varchar(255),
    created_at            timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at            timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT dependent_systems_pkey PRIMARY KEY (dependent_system_uuid),
    CONSTRAINT dependent_systems_name_key UNIQUE (name)
);
COMMENT ON TABLE tasker.dependent_systems IS 'External systems that templates and steps declare they depend on';

CREATE TABLE tasker.dependent_system_object_maps (
    dependent_system_object_map_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    dependent_system_one_uuid        uuid         NOT NULL,
    dependent_system_two_uuid        uuid         NOT NULL,
    remote_id_one                    varchar(128) NOT NULL,
    remote_id_two                    varchar(128) NOT NULL,
    created_at                       timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at                       timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT dependent_system_object_maps_pkey PRIMARY KEY (dependent_system_object_map_uuid),
    CONSTRAINT dependent_system_object_maps_key
        UNIQUE (dependent_system_one_uuid, dependent_system_two_uuid, remote_id_one, remote_id_two),
    CONSTRAINT dependent_system_object_maps_one_fkey FOREIGN KEY (dependent_system_one_uuid)
        REFERENCES tasker.dependent_systems (dependent_system_uuid),
    CONSTRAINT dependent_system_object_maps_two_fkey FOREIGN KEY (dependent_system_two_uuid)
        REFERENCES tasker.dependent_systems (dependent_system_uuid)
);
CREATE INDEX dependent_system_object_maps_two_idx ON tasker.dependent_system_object_maps (dependent_system_two_uuid);
COMMENT ON TABLE tasker.dependent_system_object_maps IS 'Maps an object id in one dependent system to its id in another';

CREATE TABLE tasker.named_steps (
    named_step_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    name            varchar(128) NOT NULL,
    description     varchar(255),
    created_at      timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at      timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT named_steps_pkey PRIMARY KEY (named_step_uuid),
    CONSTRAINT named_steps_name_key UNIQUE (name)
);
COMMENT ON TABLE tasker.named_steps IS 'Reusable step definitions referenced by task templates';

CREATE TABLE tasker.named_tasks_named_steps (
    ntns_uuid            uuid      NOT NULL DEFAULT tasker.uuid_generate_v7(),
    named_task_uuid      uuid      NOT NULL,
    named_step_uuid      uuid      NOT NULL,
    default_retryable    boolean   NOT NULL DEFAULT true,
    default_max_attempts integer   NOT NULL DEFAULT 3,
    created_at           timestamp NOT NULL DEFAULT timezone('utc', now()),
    updated_at           timestamp NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT named_tasks_named_steps_pkey PRIMARY KEY (ntns_uuid),
    CONSTRAINT named_tasks_named_steps_key UNIQUE (named_task_uuid, named_step_uuid),
    CONSTRAINT named_tasks_named_steps_max_attempts CHECK (default_max_attempts BETWEEN 1 AND 100),
    CONSTRAINT named_tasks_named_steps_named_task_uuid_fkey FOREIGN KEY (named_task_uuid)
        REFERENCES tasker.named_tasks (named_task_uuid) ON DELETE CASCADE,
    CONSTRAINT named_tasks_named_steps_named_step_uuid_fkey FOREIGN KEY (named_step_uuid)
        REFERENCES tasker.named_steps (named_step_uuid)
);
CREATE INDEX named_tasks_named_steps_named_step_idx ON tasker.named_tasks_named_steps (named_step_uuid);
COMMENT ON TABLE tasker.named_tasks_named_steps IS 'Join table linking task templates to their step definitions';

-- ---------------------------------------------------------------------------------------------------------------
-- Runs: tasks, their steps and the DAG edges between steps
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE tasker.tasks (
    task_uuid             uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    named_task_uuid       uuid         NOT NULL,
    complete              boolean      NOT NULL DEFAULT false,
    requested_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    completed_at          timestamp,
    initiator             varchar(128),
    source_system         varchar(128),
    reason                varchar(128),
    tags                  jsonb,
    context               jsonb,
    identity_hash         varchar(128) NOT NULL,
    created_at            timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at            timestamp    NOT NULL DEFAULT timezone('utc', now()),
    priority              integer      NOT NULL DEFAULT 0,
    correlation_id        uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    parent_correlation_id uuid,
    CONSTRAINT tasks_pkey PRIMARY KEY (task_uuid),
    CONSTRAINT tasks_identity_hash_key UNIQUE (identity_hash),
    CONSTRAINT tasks_priority_range CHECK (priority BETWEEN -100 AND 100),
    CONSTRAINT tasks_named_task_uuid_fkey FOREIGN KEY (named_task_uuid)
        REFERENCES tasker.named_tasks (named_task_uuid)
);
CREATE INDEX tasks_named_task_idx ON tasker.tasks (named_task_uuid, created_at);
CREATE INDEX tasks_created_at_idx ON tasker.tasks (created_at);
CREATE INDEX tasks_correlation_id_idx ON tasker.tasks (correlation_id);
CREATE INDEX tasks_parent_correlation_id_idx ON tasker.tasks (parent_correlation_id)
    WHERE parent_correlation_id IS NOT NULL;
COMMENT ON TABLE tasker.tasks IS 'Task instances created from templates with execution context';
COMMENT ON COLUMN tasker.tasks.identity_hash IS 'SHA-256 identity used for deduplication (strategy strict, caller_provided or always_unique)';

CREATE TABLE tasker.workflow_steps (
    workflow_step_uuid      uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_uuid               uuid         NOT NULL,
    named_step_uuid         uuid         NOT NULL,
    retryable               boolean      NOT NULL DEFAULT true,
    max_attempts            integer      NOT NULL DEFAULT 3,
    in_process              boolean      NOT NULL DEFAULT false,
    processed               boolean      NOT NULL DEFAULT false,
    processed_at            timestamp,
    attempts                integer      NOT NULL DEFAULT 0,
    last_attempted_at       timestamp,
    backoff_request_seconds integer,
    inputs                  jsonb,
    results                 jsonb,
    created_at              timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at              timestamp    NOT NULL DEFAULT timezone('utc', now()),
    priority                integer      NOT NULL DEFAULT 0,
    checkpoint              jsonb,
    -- Engine columns beyond seed 000: the step row is also the work queue.
    current_state           varchar(40)  NOT NULL DEFAULT 'pending',
    namespace_name          varchar(64)  NOT NULL,
    external_handler        boolean      NOT NULL DEFAULT false,
    enqueued_at             timestamp,
    next_retry_at           timestamp,
    lease_token             uuid,
    lease_expires_at        timestamp,
    claimed_by              varchar(128),
    CONSTRAINT workflow_steps_pkey PRIMARY KEY (workflow_step_uuid),
    CONSTRAINT workflow_steps_task_named_step_key UNIQUE (task_uuid, named_step_uuid),
    CONSTRAINT workflow_steps_max_attempts CHECK (max_attempts BETWEEN 1 AND 100),
    CONSTRAINT workflow_steps_attempts CHECK (attempts >= 0),
    CONSTRAINT workflow_steps_current_state CHECK (current_state IN (
        'pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
        'enqueued_as_error_for_orchestration', 'waiting_for_retry', 'complete', 'error',
        'cancelled', 'resolved_manually')),
    CONSTRAINT workflow_steps_lease CHECK ((lease_token IS NULL) = (lease_expires_at IS NULL)),
    CONSTRAINT workflow_steps_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE,
    CONSTRAINT workflow_steps_named_step_uuid_fkey FOREIGN KEY (named_step_uuid)
        REFERENCES tasker.named_steps (named_step_uuid)
);
-- The queue: claimable steps, most important and oldest first (all namespaces, and per namespace).
CREATE INDEX workflow_steps_claim_idx ON tasker.workflow_steps
    (external_handler, priority DESC, enqueued_at)
    WHERE current_state = 'enqueued';
CREATE INDEX workflow_steps_namespace_claim_idx ON tasker.workflow_steps
    (namespace_name, external_handler, priority DESC, enqueued_at)
    WHERE current_state = 'enqueued';
CREATE INDEX workflow_steps_retry_due_idx ON tasker.workflow_steps (next_retry_at)
    WHERE current_state = 'waiting_for_retry';
CREATE INDEX workflow_steps_lease_expiry_idx ON tasker.workflow_steps (lease_expires_at)
    WHERE current_state = 'in_progress';
CREATE INDEX workflow_steps_named_step_idx ON tasker.workflow_steps (named_step_uuid);
COMMENT ON TABLE tasker.workflow_steps IS 'Individual step instances within a task execution';
COMMENT ON COLUMN tasker.workflow_steps.current_state IS 'Current step state, always equal to the most recent transition''s to_state';
COMMENT ON COLUMN tasker.workflow_steps.namespace_name IS 'Namespace of the task, so that workers claim by namespace without a join';
COMMENT ON COLUMN tasker.workflow_steps.external_handler IS 'True when the step is run by an external worker through the worker API';
COMMENT ON COLUMN tasker.workflow_steps.enqueued_at IS 'When the step last became claimable';
COMMENT ON COLUMN tasker.workflow_steps.next_retry_at IS 'When a step waiting for retry becomes ready again';
COMMENT ON COLUMN tasker.workflow_steps.lease_token IS 'Fencing token of the current claim; every write of a result must present it';
COMMENT ON COLUMN tasker.workflow_steps.lease_expires_at IS 'When the current claim lapses unless it is renewed by a heartbeat';
COMMENT ON COLUMN tasker.workflow_steps.claimed_by IS 'Worker that holds the current claim';

CREATE TABLE tasker.workflow_step_edges (
    workflow_step_edge_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    from_step_uuid          uuid         NOT NULL,
    to_step_uuid            uuid         NOT NULL,
    name                    varchar(128) NOT NULL DEFAULT 'provides',
    created_at              timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at              timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT workflow_step_edges_pkey PRIMARY KEY (workflow_step_edge_uuid),
    CONSTRAINT workflow_step_edges_from_to_key UNIQUE (from_step_uuid, to_step_uuid),
    CONSTRAINT workflow_step_edges_no_self_loop CHECK (from_step_uuid <> to_step_uuid),
    CONSTRAINT workflow_step_edges_from_step_uuid_fkey FOREIGN KEY (from_step_uuid)
        REFERENCES tasker.workflow_steps (workflow_step_uuid) ON DELETE CASCADE,
    CONSTRAINT workflow_step_edges_to_step_uuid_fkey FOREIGN KEY (to_step_uuid)
        REFERENCES tasker.workflow_steps (workflow_step_uuid) ON DELETE CASCADE
);
CREATE INDEX workflow_step_edges_to_step_idx ON tasker.workflow_step_edges (to_step_uuid);
COMMENT ON TABLE tasker.workflow_step_edges IS 'Directed graph of step dependencies (DAG edges)';

-- ---------------------------------------------------------------------------------------------------------------
-- History: every state change of a task or a step is a transition row; exactly one is most_recent.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE tasker.task_transitions (
    task_transition_uuid uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_uuid            uuid        NOT NULL,
    to_state             varchar(40) NOT NULL,
    from_state           varchar(40),
    metadata             jsonb,
    sort_key             integer     NOT NULL,
    most_recent          boolean     NOT NULL DEFAULT false,
    created_at           timestamp   NOT NULL DEFAULT timezone('utc', now()),
    updated_at           timestamp   NOT NULL DEFAULT timezone('utc', now()),
    processor_uuid       uuid,
    transition_metadata  jsonb,
    CONSTRAINT task_transitions_pkey PRIMARY KEY (task_transition_uuid),
    CONSTRAINT task_transitions_sort_key_key UNIQUE (task_uuid, sort_key),
    CONSTRAINT task_transitions_to_state CHECK (to_state IN (
        'pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
        'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures', 'complete', 'error',
        'cancelled', 'resolved_manually')),
    CONSTRAINT task_transitions_from_state CHECK (from_state IS NULL OR from_state IN (
        'pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
        'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures', 'complete', 'error',
        'cancelled', 'resolved_manually')),
    CONSTRAINT task_transitions_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
CREATE UNIQUE INDEX task_transitions_most_recent_idx ON tasker.task_transitions (task_uuid) WHERE most_recent;
CREATE INDEX task_transitions_current_state_idx ON tasker.task_transitions (to_state, created_at) WHERE most_recent;
-- The unfinished tasks, for staleness detection and health counts: stays as small as the work in flight however long
-- the history grows (the planner cannot tell from column statistics that few current states are unfinished, since
-- every finished task passed through those states).
CREATE INDEX task_transitions_unfinished_idx ON tasker.task_transitions (task_uuid)
    WHERE most_recent AND to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process',
                                       'evaluating_results', 'waiting_for_dependencies', 'waiting_for_retry',
                                       'blocked_by_failures');
COMMENT ON TABLE tasker.task_transitions IS 'Event-sourced state change history for tasks (12-state machine)';
COMMENT ON COLUMN tasker.task_transitions.processor_uuid IS 'Engine process that made the change';

CREATE TABLE tasker.workflow_step_transitions (
    workflow_step_transition_uuid uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    workflow_step_uuid            uuid        NOT NULL,
    to_state                      varchar(40) NOT NULL,
    from_state                    varchar(40),
    metadata                      jsonb,
    sort_key                      integer     NOT NULL,
    most_recent                   boolean     NOT NULL DEFAULT false,
    created_at                    timestamp   NOT NULL DEFAULT timezone('utc', now()),
    updated_at                    timestamp   NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT workflow_step_transitions_pkey PRIMARY KEY (workflow_step_transition_uuid),
    CONSTRAINT workflow_step_transitions_sort_key_key UNIQUE (workflow_step_uuid, sort_key),
    CONSTRAINT workflow_step_transitions_to_state CHECK (to_state IN (
        'pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
        'enqueued_as_error_for_orchestration', 'waiting_for_retry', 'complete', 'error',
        'cancelled', 'resolved_manually')),
    CONSTRAINT workflow_step_transitions_from_state CHECK (from_state IS NULL OR from_state IN (
        'pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
        'enqueued_as_error_for_orchestration', 'waiting_for_retry', 'complete', 'error',
        'cancelled', 'resolved_manually')),
    CONSTRAINT workflow_step_transitions_workflow_step_uuid_fkey FOREIGN KEY (workflow_step_uuid)
        REFERENCES tasker.workflow_steps (workflow_step_uuid) ON DELETE CASCADE
);
CREATE UNIQUE INDEX workflow_step_transitions_most_recent_idx
    ON tasker.workflow_step_transitions (workflow_step_uuid) WHERE most_recent;
COMMENT ON TABLE tasker.workflow_step_transitions IS 'Event-sourced state change history for steps (10-state machine)';

CREATE TABLE tasker.workflow_step_result_audit (
    workflow_step_result_audit_uuid uuid      NOT NULL DEFAULT tasker.uuid_generate_v7(),
    workflow_step_uuid              uuid      NOT NULL,
    workflow_step_transition_uuid   uuid      NOT NULL,
    task_uuid                       uuid      NOT NULL,
    recorded_at                     timestamp NOT NULL DEFAULT timezone('utc', now()),
    worker_uuid                     uuid,
    correlation_id                  uuid,
    success                         boolean   NOT NULL,
    execution_time_ms               bigint,
    created_at                      timestamp NOT NULL DEFAULT timezone('utc', now()),
    updated_at                      timestamp NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT workflow_step_result_audit_pkey PRIMARY KEY (workflow_step_result_audit_uuid),
    CONSTRAINT workflow_step_result_audit_step_transition_key
        UNIQUE (workflow_step_uuid, workflow_step_transition_uuid),
    CONSTRAINT workflow_step_result_audit_workflow_step_uuid_fkey FOREIGN KEY (workflow_step_uuid)
        REFERENCES tasker.workflow_steps (workflow_step_uuid) ON DELETE CASCADE,
    CONSTRAINT workflow_step_result_audit_workflow_step_transition_uuid_fkey FOREIGN KEY (workflow_step_transition_uuid)
        REFERENCES tasker.workflow_step_transitions (workflow_step_transition_uuid) ON DELETE CASCADE,
    CONSTRAINT workflow_step_result_audit_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
CREATE INDEX workflow_step_result_audit_task_idx ON tasker.workflow_step_result_audit (task_uuid);
CREATE INDEX workflow_step_result_audit_transition_idx
    ON tasker.workflow_step_result_audit (workflow_step_transition_uuid);
CREATE INDEX workflow_step_result_audit_recorded_at_idx ON tasker.workflow_step_result_audit (recorded_at);
COMMENT ON TABLE tasker.workflow_step_result_audit IS 'Lightweight audit trail for SOC2 compliance';

-- ---------------------------------------------------------------------------------------------------------------
-- Operations: dead letter queue and task annotations
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE tasker.tasks_dlq (
    dlq_entry_uuid       uuid                         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_uuid            uuid                         NOT NULL,
    original_state       varchar(40)                  NOT NULL,
    dlq_reason           tasker.dlq_reason            NOT NULL,
    dlq_timestamp        timestamp                    NOT NULL DEFAULT timezone('utc', now()),
    resolution_status    tasker.dlq_resolution_status NOT NULL DEFAULT 'pending',
    resolution_timestamp timestamp,
    resolution_notes     text,
    resolved_by          varchar(255),
    task_snapshot        jsonb,
    metadata             jsonb,
    created_at           timestamp                    NOT NULL DEFAULT timezone('utc', now()),
    updated_at           timestamp                    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT tasks_dlq_pkey PRIMARY KEY (dlq_entry_uuid),
    CONSTRAINT tasks_dlq_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
-- At most one open investigation per task.
CREATE UNIQUE INDEX tasks_dlq_one_pending_per_task_idx ON tasker.tasks_dlq (task_uuid)
    WHERE resolution_status = 'pending';
CREATE INDEX tasks_dlq_task_idx ON tasker.tasks_dlq (task_uuid);
CREATE INDEX tasks_dlq_status_timestamp_idx ON tasker.tasks_dlq (resolution_status, dlq_timestamp);
CREATE INDEX tasks_dlq_reason_idx ON tasker.tasks_dlq (dlq_reason);
COMMENT ON TABLE tasker.tasks_dlq IS 'Dead Letter Queue for stuck task investigation and resolution';

CREATE TABLE tasker.annotation_types (
    annotation_type_uuid uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    name                 varchar(64)  NOT NULL,
    description          varchar(255),
    created_at           timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at           timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT annotation_types_pkey PRIMARY KEY (annotation_type_uuid),
    CONSTRAINT annotation_types_name_key UNIQUE (name)
);
COMMENT ON TABLE tasker.annotation_types IS 'Registry of annotation kinds that can be attached to tasks';

CREATE TABLE tasker.task_annotations (
    task_annotation_uuid uuid      NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_uuid            uuid      NOT NULL,
    annotation_type_uuid uuid      NOT NULL,
    annotation           jsonb,
    created_at           timestamp NOT NULL DEFAULT timezone('utc', now()),
    updated_at           timestamp NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT task_annotations_pkey PRIMARY KEY (task_annotation_uuid),
    CONSTRAINT task_annotations_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE,
    CONSTRAINT task_annotations_annotation_type_uuid_fkey FOREIGN KEY (annotation_type_uuid)
        REFERENCES tasker.annotation_types (annotation_type_uuid)
);
CREATE INDEX task_annotations_task_idx ON tasker.task_annotations (task_uuid);
CREATE INDEX task_annotations_annotation_type_idx ON tasker.task_annotations (annotation_type_uuid);
COMMENT ON TABLE tasker.task_annotations IS 'Typed JSON annotations attached to tasks (e.g. links to tickets or releases)';

-- ---------------------------------------------------------------------------------------------------------------
-- Claiming: the queue's hot path, one call per batch of steps. It locks up to max_steps enqueued steps with
-- SKIP LOCKED (most important, then oldest first), marks them in_progress with a fresh lease token, records the
-- enqueued -> in_progress transition, and returns what their handlers need.
--
-- It is PL/pgSQL on purpose: each statement sees the rows committed before it ran, so the transitions closed here
-- are the ones the locked steps really have, however recently another process enqueued them. The SET clauses pin
-- index-ordered plans: when statistics lag behind a burst of new work (before autoanalyze catches up), the planner
-- would otherwise read and sort every enqueued row on each claim.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.claim_steps(only_namespace text, want_external boolean, max_steps integer,
                                   claimed_at timestamp, lease_until timestamp, worker text)
RETURNS TABLE (
    workflow_step_uuid uuid,
    task_uuid          uuid,
    namespace_name     text,
    attempts           integer,
    max_attempts       integer,
    retryable          boolean,
    lease_token        uuid,
    lease_expires_at   timestamp,
    enqueued_at        timestamp,
    last_attempted_at  timestamp,
    inputs             jsonb,
    checkpoint         jsonb,
    named_task_uuid    uuid,
    context            jsonb,
    correlation_id     uuid,
    parent_correlation_id uuid,
    step_name          text,
    dependency_results jsonb
)
LANGUAGE plpgsql VOLATILE
ROWS 10
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
    picked uuid[];
BEGIN
    IF only_namespace IS NULL THEN
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.external_handler = want_external
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    ELSE
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.namespace_name = only_namespace
              AND s.external_handler = want_external
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    END IF;
    IF picked IS NULL THEN
        RETURN;
    END IF;

    UPDATE tasker.workflow_steps s
    SET current_state = 'in_progress', in_process = true, attempts = s.attempts + 1,
        last_attempted_at = claimed_at, lease_token = gen_random_uuid(), lease_expires_at = lease_until,
        claimed_by = worker, updated_at = claimed_at
    WHERE s.workflow_step_uuid = ANY (picked);

    WITH closed AS (
        UPDATE tasker.workflow_step_transitions t
        SET most_recent = false, updated_at = claimed_at
        WHERE t.workflow_step_uuid = ANY (picked) AND t.most_recent
        RETURNING t.workflow_step_uuid, t.sort_key
    )
    INSERT INTO tasker.workflow_step_transitions
        (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
    SELECT c.workflow_step_uuid, 'enqueued', 'in_progress', c.sort_key + 1, true,
           jsonb_build_object('event', 'start', 'worker', worker), claimed_at, claimed_at
    FROM closed c;

    RETURN QUERY
    SELECT s.workflow_step_uuid, s.task_uuid, s.namespace_name::text, s.attempts, s.max_attempts, s.retryable,
           s.lease_token, s.lease_expires_at, s.enqueued_at, s.last_attempted_at, s.inputs, s.checkpoint,
           t.named_task_uuid, t.context, t.correlation_id, t.parent_correlation_id, ns.name::text,
           tasker.dependency_results(s.workflow_step_uuid)
    FROM tasker.workflow_steps s
    JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    WHERE s.workflow_step_uuid = ANY (picked);
END
$$;
COMMENT ON FUNCTION tasker.claim_steps(text, boolean, integer, timestamp, timestamp, text) IS
    'Claims up to max_steps enqueued steps (of one namespace, or of all when only_namespace is NULL) for a worker';

CREATE FUNCTION tasker.dependency_results(target_step_uuid uuid)
RETURNS jsonb
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
    -- A step has a handful of ancestors: walk the edges by index and look each ancestor up by its key. The OFFSET 0
    -- fence keeps that per-ancestor lookup even when stale statistics make the planner expect thousands.
    WITH RECURSIVE ancestors(step_uuid) AS (
        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = target_step_uuid
        UNION
        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e JOIN ancestors a ON e.to_step_uuid = a.step_uuid
    )
    SELECT coalesce(jsonb_object_agg(d.name, d.results), '{}'::jsonb)
    FROM ancestors a
    CROSS JOIN LATERAL (
        SELECT ns.name, coalesce(p.results, 'null'::jsonb) AS results
        FROM tasker.workflow_steps p
        JOIN tasker.named_steps ns ON ns.named_step_uuid = p.named_step_uuid
        WHERE p.workflow_step_uuid = a.step_uuid
          AND (p.current_state IN ('complete', 'resolved_manually')
               -- a failed batch worker whose batch continues on failure: its error, for the convergence step
               OR (p.current_state = 'error' AND p.inputs #>> '{batch,failure_strategy}' = 'continue_on_failure'))
        OFFSET 0
    ) d
$$;
COMMENT ON FUNCTION tasker.dependency_results(uuid) IS
    'Results of every completed ancestor of a step, by step name (what its handler receives as dependency results); '
    'a failed batch worker of a batch that continues on failure gives its error';

-- ---------------------------------------------------------------------------------------------------------------
-- Step result audit: one row per recorded result (success or failure of an attempt, or an operator's decision).
-- A row trigger with a WHEN clause, so the many transitions that are not results cost nothing.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.create_step_result_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tasker.workflow_step_result_audit
        (workflow_step_uuid, workflow_step_transition_uuid, task_uuid, recorded_at, worker_uuid, correlation_id,
         success, execution_time_ms, created_at, updated_at)
    SELECT NEW.workflow_step_uuid, NEW.workflow_step_transition_uuid, s.task_uuid, NEW.created_at,
           CASE WHEN NEW.metadata->>'worker_uuid' ~ '^[0-9a-fA-F-]{36}$' THEN (NEW.metadata->>'worker_uuid')::uuid END,
           t.correlation_id,
           NEW.to_state IN ('enqueued_for_orchestration', 'complete', 'resolved_manually'),
           CASE WHEN NEW.metadata->>'execution_time_ms' ~ '^[0-9]+$' THEN (NEW.metadata->>'execution_time_ms')::bigint END,
           NEW.created_at, NEW.created_at
    FROM tasker.workflow_steps s
    JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
    WHERE s.workflow_step_uuid = NEW.workflow_step_uuid;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION tasker.create_step_result_audit() IS
    'Trigger: writes workflow_step_result_audit for every recorded step result (attempt outcomes and operator completions)';

CREATE TRIGGER workflow_step_transitions_result_audit
    AFTER INSERT ON tasker.workflow_step_transitions
    FOR EACH ROW
    WHEN (NEW.to_state IN ('enqueued_for_orchestration', 'enqueued_as_error_for_orchestration')
          OR (NEW.to_state IN ('complete', 'resolved_manually')
              AND NEW.from_state IS DISTINCT FROM 'enqueued_for_orchestration'
              AND NEW.from_state IS DISTINCT FROM 'enqueued_as_error_for_orchestration'))
    EXECUTE FUNCTION tasker.create_step_result_audit();

-- ---------------------------------------------------------------------------------------------------------------
-- Readiness and execution context (the reference's SQL functions, with our fixes: the retry time is the one the
-- engine computed from the template's backoff or the handler's request).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.get_step_readiness_status_batch(input_task_uuids uuid[], step_uuids uuid[] DEFAULT NULL)
RETURNS TABLE (
    workflow_step_uuid      uuid,
    task_uuid               uuid,
    named_step_uuid         uuid,
    name                    text,
    current_state           text,
    dependencies_satisfied  boolean,
    retry_eligible          boolean,
    ready_for_execution     boolean,
    last_failure_at         timestamp,
    next_retry_at           timestamp,
    total_parents           integer,
    completed_parents       integer,
    attempts                integer,
    max_attempts            integer,
    backoff_request_seconds integer,
    last_attempted_at       timestamp
)
LANGUAGE sql STABLE AS $$
    WITH steps AS (
        SELECT s.*,
               (SELECT count(*) FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = s.workflow_step_uuid)::integer
                   AS total_parents,
               (SELECT count(*) FROM tasker.workflow_step_edges e
                JOIN tasker.workflow_steps p ON p.workflow_step_uuid = e.from_step_uuid
                WHERE e.to_step_uuid = s.workflow_step_uuid
                  AND p.current_state IN ('complete', 'resolved_manually'))::integer AS completed_parents,
               (SELECT max(t.created_at) FROM tasker.workflow_step_transitions t
                WHERE t.workflow_step_uuid = s.workflow_step_uuid
                  AND t.to_state IN ('enqueued_as_error_for_orchestration', 'error')) AS last_failure_at
        FROM tasker.workflow_steps s
        WHERE s.task_uuid = ANY (input_task_uuids)
          AND (step_uuids IS NULL OR s.workflow_step_uuid = ANY (step_uuids))
    ), assessed AS (
        SELECT steps.*,
               steps.completed_parents = steps.total_parents AS deps_ok,
               (steps.attempts = 0 OR (steps.retryable AND steps.attempts < steps.max_attempts)) AS retry_ok,
               CASE
                   WHEN steps.next_retry_at IS NOT NULL THEN steps.next_retry_at
                   WHEN steps.backoff_request_seconds IS NOT NULL AND steps.last_attempted_at IS NOT NULL
                       THEN steps.last_attempted_at + make_interval(secs => steps.backoff_request_seconds)
               END AS retry_at
        FROM steps
    )
    SELECT a.workflow_step_uuid, a.task_uuid, a.named_step_uuid, ns.name::text, a.current_state::text,
           a.deps_ok, a.retry_ok,
           a.current_state IN ('pending', 'waiting_for_retry') AND NOT a.processed AND NOT a.in_process
               AND a.deps_ok AND a.retry_ok
               AND (a.retry_at IS NULL OR a.retry_at <= timezone('utc', now())),
           a.last_failure_at, a.retry_at, a.total_parents, a.completed_parents, a.attempts, a.max_attempts,
           a.backoff_request_seconds, a.last_attempted_at
    FROM assessed a
    JOIN tasker.named_steps ns ON ns.named_step_uuid = a.named_step_uuid
    ORDER BY a.task_uuid, a.workflow_step_uuid
$$;
COMMENT ON FUNCTION tasker.get_step_readiness_status_batch(uuid[], uuid[]) IS
    'Per step of the given tasks: state, whether its dependencies are satisfied, whether it may retry, when, and whether it is ready to run now';

CREATE FUNCTION tasker.get_step_readiness_status(input_task_uuid uuid, step_uuids uuid[] DEFAULT NULL)
RETURNS TABLE (
    workflow_step_uuid      uuid,
    task_uuid               uuid,
    named_step_uuid         uuid,
    name                    text,
    current_state           text,
    dependencies_satisfied  boolean,
    retry_eligible          boolean,
    ready_for_execution     boolean,
    last_failure_at         timestamp,
    next_retry_at           timestamp,
    total_parents           integer,
    completed_parents       integer,
    attempts                integer,
    max_attempts            integer,
    backoff_request_seconds integer,
    last_attempted_at       timestamp
)
LANGUAGE sql STABLE AS $$
    SELECT * FROM tasker.get_step_readiness_status_batch(ARRAY[input_task_uuid], step_uuids)
$$;
COMMENT ON FUNCTION tasker.get_step_readiness_status(uuid, uuid[]) IS
    'Readiness of the steps of one task (see get_step_readiness_status_batch)';

CREATE FUNCTION tasker.get_task_execution_contexts_batch(input_task_uuids uuid[])
RETURNS TABLE (
    task_uuid             uuid,
    named_task_uuid       uuid,
    status                text,
    total_steps           bigint,
    pending_steps         bigint,
    in_progress_steps     bigint,
    completed_steps       bigint,
    failed_steps          bigint,
    ready_steps           bigint,
    execution_status      text,
    recommended_action    text,
    completion_percentage numeric,
    health_status         text,
    enqueued_steps        bigint
)
LANGUAGE sql STABLE AS $$
    WITH counts AS (
        SELECT t.task_uuid, t.named_task_uuid,
               coalesce(tt.to_state, 'pending') AS status,
               count(r.workflow_step_uuid) AS total_steps,
               count(*) FILTER (WHERE r.current_state IN ('pending', 'waiting_for_retry')) AS pending_steps,
               count(*) FILTER (WHERE r.current_state = 'in_progress') AS in_progress_steps,
               count(*) FILTER (WHERE r.current_state IN ('complete', 'resolved_manually')) AS completed_steps,
               count(*) FILTER (WHERE r.current_state = 'error') AS failed_steps,
               count(*) FILTER (WHERE r.ready_for_execution) AS ready_steps,
               count(*) FILTER (WHERE r.current_state IN ('enqueued', 'enqueued_for_orchestration',
                                                          'enqueued_as_error_for_orchestration')) AS enqueued_steps,
               count(*) FILTER (WHERE r.current_state = 'waiting_for_retry') AS retrying_steps
        FROM tasker.tasks t
        LEFT JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
        LEFT JOIN tasker.get_step_readiness_status_batch(input_task_uuids) r ON r.task_uuid = t.task_uuid
        WHERE t.task_uuid = ANY (input_task_uuids)
        GROUP BY t.task_uuid, t.named_task_uuid, tt.to_state
    ), classified AS (
        SELECT c.*,
               CASE
                   WHEN c.failed_steps > 0 THEN 'blocked_by_failures'
                   WHEN c.ready_steps > 0 THEN 'has_ready_steps'
                   WHEN c.in_progress_steps > 0 OR c.enqueued_steps > 0 THEN 'processing'
                   WHEN c.completed_steps = c.total_steps THEN 'all_complete'
                   ELSE 'waiting_for_dependencies'
               END AS execution_status
        FROM counts c
    )
    SELECT c.task_uuid, c.named_task_uuid, c.status, c.total_steps, c.pending_steps, c.in_progress_steps,
           c.completed_steps, c.failed_steps, c.ready_steps, c.execution_status,
           CASE c.execution_status
               WHEN 'blocked_by_failures' THEN 'handle_failures'
               WHEN 'has_ready_steps' THEN 'execute_ready_steps'
               WHEN 'processing' THEN 'wait_for_completion'
               WHEN 'all_complete' THEN 'finalize_task'
               ELSE 'wait_for_dependencies'
           END,
           CASE WHEN c.total_steps = 0 THEN 0
                ELSE round(c.completed_steps::numeric * 100 / c.total_steps, 2) END,
           CASE
               WHEN c.failed_steps > 0 THEN 'blocked'
               WHEN c.retrying_steps > 0 THEN 'recovering'
               ELSE 'healthy'
           END,
           c.enqueued_steps
    FROM classified c
    ORDER BY c.task_uuid
$$;
COMMENT ON FUNCTION tasker.get_task_execution_contexts_batch(uuid[]) IS
    'Per task: state, step counts by state, execution status, recommended action, completion percentage and health';

CREATE FUNCTION tasker.get_task_execution_context(input_task_uuid uuid)
RETURNS TABLE (
    task_uuid             uuid,
    named_task_uuid       uuid,
    status                text,
    total_steps           bigint,
    pending_steps         bigint,
    in_progress_steps     bigint,
    completed_steps       bigint,
    failed_steps          bigint,
    ready_steps           bigint,
    execution_status      text,
    recommended_action    text,
    completion_percentage numeric,
    health_status         text,
    enqueued_steps        bigint
)
LANGUAGE sql STABLE AS $$
    SELECT * FROM tasker.get_task_execution_contexts_batch(ARRAY[input_task_uuid])
$$;
COMMENT ON FUNCTION tasker.get_task_execution_context(uuid) IS
    'Execution context of one task (see get_task_execution_contexts_batch)';

CREATE FUNCTION tasker.calculate_dependency_levels(input_task_uuid uuid)
RETURNS TABLE (workflow_step_uuid uuid, dependency_level integer)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE levels AS (
        SELECT s.workflow_step_uuid, 0 AS level
        FROM tasker.workflow_steps s
        WHERE s.task_uuid = input_task_uuid
          AND NOT EXISTS (SELECT 1 FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = s.workflow_step_uuid)
        UNION ALL
        SELECT e.to_step_uuid, l.level + 1
        FROM levels l
        JOIN tasker.workflow_step_edges e ON e.from_step_uuid = l.workflow_step_uuid
        WHERE l.level < 1000
    )
    SELECT l.workflow_step_uuid, max(l.level)::integer
    FROM levels l
    GROUP BY l.workflow_step_uuid
    ORDER BY max(l.level), l.workflow_step_uuid
$$;
COMMENT ON FUNCTION tasker.calculate_dependency_levels(uuid) IS
    'Depth of every step of a task in its DAG: roots are 0, a step is one more than its deepest parent';

-- ---------------------------------------------------------------------------------------------------------------
-- Analytics: the read side behind /v1/analytics and `tasker system health`. Named and shaped after the reference's
-- *_v01 functions, adapted to this schema:
--   * A window is [since_timestamp, until_timestamp) in UTC `timestamp`s like every column here; until defaults to
--     now, since to the reference's look-back (1 hour for the metrics, 24 hours for the bottleneck lists).
--   * Task figures follow the cohort of tasks created in the window, in the state they are in now; step figures
--     follow the results recorded in the window (workflow_step_result_audit), whose execution_time_ms is what the
--     handler took. Durations are seconds rounded to the millisecond, rates are percentages (2 decimals).
--   * Percentiles are percentile_disc (nearest rank: the smallest observed value that at least that fraction of
--     the values do not exceed), so every percentile is a duration that really happened.
--   * Each windowed query starts from a time index (tasks_created_at_idx, workflow_step_result_audit_recorded_at_idx)
--     and reaches other rows by their keys, so its cost follows the size of the window, not of the tables.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.get_analytics_metrics_v01(since_timestamp timestamp DEFAULT NULL,
                                                 until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    active_tasks_count      bigint,
    total_namespaces_count  bigint,
    unique_task_types_count bigint,
    system_health_score     numeric,
    task_throughput         bigint,
    completion_count        bigint,
    error_count             bigint,
    completion_rate         numeric,
    error_rate              numeric,
    tasks_per_hour          numeric,
    avg_task_duration       numeric,
    p50_task_duration       numeric,
    p95_task_duration       numeric,
    p99_task_duration       numeric,
    step_throughput         bigint,
    steps_per_hour          numeric,
    avg_step_duration       numeric,
    p50_step_duration       numeric,
    p95_step_duration       numeric,
    p99_step_duration       numeric,
    analysis_period_start   timestamp,
    calculated_at           timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '1 hour') AS since_at, u.until_at,
               extract(epoch FROM u.until_at - coalesce(since_timestamp, u.until_at - interval '1 hour')) / 3600
                   AS hours
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), cohort AS (
        SELECT t.named_task_uuid, tt.to_state,
               CASE WHEN tt.to_state = 'complete' THEN extract(epoch FROM t.completed_at - t.created_at) END
                   AS seconds
        FROM bounds b
        JOIN tasker.tasks t ON t.created_at >= b.since_at AND t.created_at < b.until_at
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    ), tasks_summary AS (
        SELECT count(*) AS created,
               count(*) FILTER (WHERE c.to_state = 'complete') AS completed,
               count(*) FILTER (WHERE c.to_state = 'error') AS failed,
               round(avg(c.seconds), 3) AS avg_seconds,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY c.seconds) AS percentiles
        FROM cohort c
    ), templates AS (
        SELECT count(DISTINCT nt.task_namespace_uuid) AS namespaces,
               count(DISTINCT (nt.task_namespace_uuid, nt.name)) AS task_types
        FROM (SELECT DISTINCT c.named_task_uuid FROM cohort c) used
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = used.named_task_uuid
    ), steps_summary AS (
        SELECT count(*) AS results,
               round(avg(a.execution_time_ms) / 1000, 3) AS avg_seconds,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY a.execution_time_ms) AS percentiles_ms
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
    ), active AS (
        -- the non-terminal states, listed so that the partial index on current task states is read by state
        SELECT count(*) AS tasks
        FROM tasker.task_transitions tt
        WHERE tt.most_recent
          AND tt.to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                              'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures')
    )
    SELECT a.tasks, tp.namespaces, tp.task_types,
           CASE WHEN ts.completed + ts.failed > 0
                THEN round(ts.completed::numeric / (ts.completed + ts.failed), 3) ELSE 1.000 END,
           ts.created, ts.completed, ts.failed,
           CASE WHEN ts.created > 0 THEN round(ts.completed * 100.0 / ts.created, 2) ELSE 0.00 END,
           CASE WHEN ts.created > 0 THEN round(ts.failed * 100.0 / ts.created, 2) ELSE 0.00 END,
           round(ts.created / nullif(b.hours, 0), 2),
           ts.avg_seconds,
           round(ts.percentiles[1], 3), round(ts.percentiles[2], 3), round(ts.percentiles[3], 3),
           ss.results,
           round(ss.results / nullif(b.hours, 0), 2),
           ss.avg_seconds,
           round(ss.percentiles_ms[1] / 1000.0, 3), round(ss.percentiles_ms[2] / 1000.0, 3),
           round(ss.percentiles_ms[3] / 1000.0, 3),
           b.since_at, b.until_at
    FROM bounds b, tasks_summary ts, templates tp, steps_summary ss, active a
$$;
COMMENT ON FUNCTION tasker.get_analytics_metrics_v01(timestamp, timestamp) IS
    'Performance over a window: active tasks now; of the tasks created in the window, namespaces, templates, how many '
    'completed or failed (rates in percent, health score = completed / (completed + failed)), tasks per hour and the '
    'duration (seconds, created to completed, completed tasks only: average and p50/p95/p99); of the step results '
    'recorded in the window, how many, per hour, and the execution time (average and p50/p95/p99). Percentiles are '
    'percentile_disc; durations are NULL when there is nothing to measure';

CREATE FUNCTION tasker.get_system_health_counts_v01(as_of timestamp DEFAULT NULL)
RETURNS TABLE (
    pending_tasks                             bigint,
    initializing_tasks                        bigint,
    enqueuing_steps_tasks                     bigint,
    steps_in_process_tasks                    bigint,
    evaluating_results_tasks                  bigint,
    waiting_for_dependencies_tasks            bigint,
    waiting_for_retry_tasks                   bigint,
    blocked_by_failures_tasks                 bigint,
    complete_tasks                            bigint,
    error_tasks                               bigint,
    cancelled_tasks                           bigint,
    resolved_manually_tasks                   bigint,
    total_tasks                               bigint,
    pending_steps                             bigint,
    enqueued_steps                            bigint,
    in_progress_steps                         bigint,
    enqueued_for_orchestration_steps          bigint,
    enqueued_as_error_for_orchestration_steps bigint,
    waiting_for_retry_steps                   bigint,
    complete_steps                            bigint,
    error_steps                               bigint,
    cancelled_steps                           bigint,
    resolved_manually_steps                   bigint,
    total_steps                               bigint,
    exhausted_retry_steps                     bigint,
    ready_steps                               bigint,
    in_flight_steps                           bigint,
    dlq_pending_entries                       bigint,
    oldest_pending_step_enqueued_at           timestamp,
    oldest_pending_step_age_seconds           numeric,
    calculated_at                             timestamp
)
LANGUAGE sql STABLE AS $$
    WITH task_counts AS (
        -- an index-only pass over the partial index of current task states
        SELECT count(*) FILTER (WHERE tt.to_state = 'pending') AS pending,
               count(*) FILTER (WHERE tt.to_state = 'initializing') AS initializing,
               count(*) FILTER (WHERE tt.to_state = 'enqueuing_steps') AS enqueuing_steps,
               count(*) FILTER (WHERE tt.to_state = 'steps_in_process') AS steps_in_process,
               count(*) FILTER (WHERE tt.to_state = 'evaluating_results') AS evaluating_results,
               count(*) FILTER (WHERE tt.to_state = 'waiting_for_dependencies') AS waiting_for_dependencies,
               count(*) FILTER (WHERE tt.to_state = 'waiting_for_retry') AS waiting_for_retry,
               count(*) FILTER (WHERE tt.to_state = 'blocked_by_failures') AS blocked_by_failures,
               count(*) FILTER (WHERE tt.to_state = 'complete') AS complete,
               count(*) FILTER (WHERE tt.to_state = 'error') AS error,
               count(*) FILTER (WHERE tt.to_state = 'cancelled') AS cancelled,
               count(*) FILTER (WHERE tt.to_state = 'resolved_manually') AS resolved_manually,
               count(*) AS total
        FROM tasker.task_transitions tt
        WHERE tt.most_recent
    ), step_counts AS (
        -- every step row once: counts by state have no narrower index to read
        SELECT count(*) FILTER (WHERE s.current_state = 'pending') AS pending,
               count(*) FILTER (WHERE s.current_state = 'enqueued') AS enqueued,
               count(*) FILTER (WHERE s.current_state = 'in_progress') AS in_progress,
               count(*) FILTER (WHERE s.current_state = 'enqueued_for_orchestration') AS enqueued_for_orchestration,
               count(*) FILTER (WHERE s.current_state = 'enqueued_as_error_for_orchestration')
                   AS enqueued_as_error_for_orchestration,
               count(*) FILTER (WHERE s.current_state = 'waiting_for_retry') AS waiting_for_retry,
               count(*) FILTER (WHERE s.current_state = 'complete') AS complete,
               count(*) FILTER (WHERE s.current_state = 'error') AS error,
               count(*) FILTER (WHERE s.current_state = 'cancelled') AS cancelled,
               count(*) FILTER (WHERE s.current_state = 'resolved_manually') AS resolved_manually,
               count(*) AS total,
               count(*) FILTER (WHERE s.current_state = 'error' AND s.attempts >= s.max_attempts) AS exhausted
        FROM tasker.workflow_steps s
    ), queue AS (
        -- the claim index holds exactly the enqueued steps
        SELECT min(s.enqueued_at) AS oldest
        FROM tasker.workflow_steps s
        WHERE s.current_state = 'enqueued'
    ), dlq AS (
        SELECT count(*) AS pending
        FROM tasker.tasks_dlq d
        WHERE d.resolution_status = 'pending'
    ), clock AS (
        SELECT coalesce(as_of, timezone('utc', now())) AS now_at
    )
    SELECT tc.pending, tc.initializing, tc.enqueuing_steps, tc.steps_in_process, tc.evaluating_results,
           tc.waiting_for_dependencies, tc.waiting_for_retry, tc.blocked_by_failures, tc.complete, tc.error,
           tc.cancelled, tc.resolved_manually, tc.total,
           sc.pending, sc.enqueued, sc.in_progress, sc.enqueued_for_orchestration,
           sc.enqueued_as_error_for_orchestration, sc.waiting_for_retry, sc.complete, sc.error, sc.cancelled,
           sc.resolved_manually, sc.total, sc.exhausted,
           sc.enqueued, sc.in_progress,
           d.pending,
           q.oldest,
           CASE WHEN q.oldest IS NOT NULL THEN round(greatest(extract(epoch FROM c.now_at - q.oldest), 0), 3) END,
           c.now_at
    FROM task_counts tc, step_counts sc, queue q, dlq d, clock c
$$;
COMMENT ON FUNCTION tasker.get_system_health_counts_v01(timestamp) IS
    'System-wide counts: tasks by current state, steps by current state, steps whose attempts are exhausted, ready '
    '(enqueued, waiting for a worker) and in-flight (in_progress) steps, the dead letter queue''s depth (pending '
    'entries), and the oldest enqueued step with its age in seconds at as_of (default now)';

CREATE FUNCTION tasker.get_slowest_steps_v01(since_timestamp timestamp DEFAULT NULL,
                                             limit_count integer DEFAULT 10,
                                             namespace_filter text DEFAULT NULL,
                                             task_name_filter text DEFAULT NULL,
                                             version_filter text DEFAULT NULL,
                                             until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name           text,
    task_name                text,
    version                  text,
    step_name                text,
    execution_count          bigint,
    average_duration_seconds numeric,
    p95_duration_seconds     numeric,
    max_duration_seconds     numeric,
    error_count              bigint,
    error_rate               numeric,
    last_executed_at         timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), executions AS (
        SELECT a.workflow_step_uuid, a.task_uuid, a.success, a.execution_time_ms, a.recorded_at
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
        WHERE a.execution_time_ms IS NOT NULL
    )
    SELECT tn.name::text, nt.name::text, nt.version::text, ns.name::text,
           count(*),
           round(avg(e.execution_time_ms) / 1000, 3),
           round(percentile_disc(0.95) WITHIN GROUP (ORDER BY e.execution_time_ms) / 1000.0, 3),
           round(max(e.execution_time_ms) / 1000.0, 3),
           count(*) FILTER (WHERE NOT e.success),
           round(count(*) FILTER (WHERE NOT e.success) * 100.0 / count(*), 2),
           max(e.recorded_at)
    FROM executions e
    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = e.workflow_step_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    JOIN tasker.tasks t ON t.task_uuid = e.task_uuid
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version, ns.name
    ORDER BY avg(e.execution_time_ms) DESC, max(e.execution_time_ms) DESC, tn.name, nt.name, nt.version, ns.name
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_slowest_steps_v01(timestamp, integer, text, text, text, timestamp) IS
    'The template steps (namespace, template, version, step) whose handlers ran longest on average in the window '
    '(default the last 24 hours), from the execution times of the attempts recorded then: attempts, average, p95 '
    '(percentile_disc) and longest run in seconds, failed attempts and their share in percent, the last result';

CREATE FUNCTION tasker.get_slowest_tasks_v01(since_timestamp timestamp DEFAULT NULL,
                                             limit_count integer DEFAULT 10,
                                             namespace_filter text DEFAULT NULL,
                                             task_name_filter text DEFAULT NULL,
                                             version_filter text DEFAULT NULL,
                                             until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name           text,
    task_name                text,
    version                  text,
    task_count               bigint,
    completed_count          bigint,
    error_count              bigint,
    error_rate               numeric,
    average_duration_seconds numeric,
    p95_duration_seconds     numeric,
    max_duration_seconds     numeric,
    average_step_count       numeric,
    last_completed_at        timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), cohort AS (
        SELECT t.task_uuid, t.named_task_uuid, t.completed_at, tt.to_state,
               CASE WHEN tt.to_state = 'complete' THEN extract(epoch FROM t.completed_at - t.created_at) END
                   AS seconds
        FROM bounds b
        JOIN tasker.tasks t ON t.created_at >= b.since_at AND t.created_at < b.until_at
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    )
    SELECT tn.name::text, nt.name::text, nt.version::text,
           count(*),
           count(c.seconds),
           count(*) FILTER (WHERE c.to_state = 'error'),
           round(count(*) FILTER (WHERE c.to_state = 'error') * 100.0 / count(*), 2),
           round(avg(c.seconds), 3),
           round(percentile_disc(0.95) WITHIN GROUP (ORDER BY c.seconds), 3),
           round(max(c.seconds), 3),
           round(avg(steps.total), 2),
           max(c.completed_at) FILTER (WHERE c.seconds IS NOT NULL)
    FROM cohort c
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = c.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    CROSS JOIN LATERAL (
        SELECT count(*) AS total FROM tasker.workflow_steps s WHERE s.task_uuid = c.task_uuid
    ) steps
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version
    HAVING count(c.seconds) > 0
    ORDER BY avg(c.seconds) DESC, max(c.seconds) DESC, tn.name, nt.name, nt.version
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_slowest_tasks_v01(timestamp, integer, text, text, text, timestamp) IS
    'The templates (namespace, name, version) whose tasks created in the window (default the last 24 hours) took '
    'longest to complete on average: tasks created, completed and failed (share in percent), average, p95 '
    '(percentile_disc) and longest duration in seconds from created to completed, steps per task, last completion. '
    'Only templates with a completed task in the window';

CREATE FUNCTION tasker.get_most_retried_steps_v01(since_timestamp timestamp DEFAULT NULL,
                                                  limit_count integer DEFAULT 10,
                                                  namespace_filter text DEFAULT NULL,
                                                  task_name_filter text DEFAULT NULL,
                                                  version_filter text DEFAULT NULL,
                                                  until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name  text,
    task_name       text,
    version         text,
    step_name       text,
    step_count      bigint,
    retried_steps   bigint,
    failed_attempts bigint,
    total_attempts  bigint,
    highest_attempt integer,
    error_steps     bigint,
    last_failure_at timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), recorded AS (
        SELECT a.workflow_step_uuid, a.task_uuid,
               count(*) FILTER (WHERE NOT a.success) AS failures,
               max(a.recorded_at) FILTER (WHERE NOT a.success) AS last_failure_at
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
        GROUP BY a.workflow_step_uuid, a.task_uuid
    )
    SELECT tn.name::text, nt.name::text, nt.version::text, ns.name::text,
           count(*),
           count(*) FILTER (WHERE s.attempts > 1),
           sum(r.failures)::bigint,
           sum(s.attempts)::bigint,
           max(s.attempts),
           count(*) FILTER (WHERE s.current_state = 'error'),
           max(r.last_failure_at)
    FROM recorded r
    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = r.workflow_step_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    JOIN tasker.tasks t ON t.task_uuid = r.task_uuid
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version, ns.name
    HAVING count(*) FILTER (WHERE s.attempts > 1) > 0 OR sum(r.failures) > 0
    ORDER BY sum(r.failures) DESC, count(*) FILTER (WHERE s.attempts > 1) DESC, max(s.attempts) DESC,
             tn.name, nt.name, nt.version, ns.name
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_most_retried_steps_v01(timestamp, integer, text, text, text, timestamp) IS
    'The template steps retried or failing most among the steps with a result recorded in the window (default the '
    'last 24 hours): those steps, how many took more than one attempt, the failed attempts recorded in the window, '
    'their attempts in total and at most, how many are in error now, and the last failure';

-- ---------------------------------------------------------------------------------------------------------------
-- Operations: task snapshots, staleness, the dead letter queue's views, and archive tables for retention.
-- Times are UTC timestamps without time zone, like every column of the schema; functions take the caller's "now"
-- so that an engine's clock (and a test's) decides what is stale, and the views pass the database's own.
-- ---------------------------------------------------------------------------------------------------------------

-- The task as it was: the task row, its state, and each step with its state, attempts, last transition and result
-- (a failed step's result is its error). Kept in a DLQ entry so investigations see what the task looked like.
CREATE FUNCTION tasker.task_snapshot(input_task_uuid uuid)
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object(
        'task', jsonb_build_object(
            'task_uuid', t.task_uuid, 'namespace', ns.name, 'name', nt.name, 'version', nt.version,
            'state', tt.to_state, 'state_since', tt.created_at, 'priority', t.priority, 'context', t.context,
            'initiator', t.initiator, 'source_system', t.source_system, 'reason', t.reason,
            'correlation_id', t.correlation_id, 'parent_correlation_id', t.parent_correlation_id,
            'created_at', t.created_at, 'completed_at', t.completed_at),
        'steps', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'step_uuid', s.workflow_step_uuid, 'name', n.name, 'state', s.current_state,
                       'attempts', s.attempts, 'max_attempts', s.max_attempts, 'retryable', s.retryable,
                       'last_attempted_at', s.last_attempted_at, 'next_retry_at', s.next_retry_at,
                       'claimed_by', s.claimed_by, 'results', s.results,
                       'last_transition', (
                           SELECT jsonb_build_object('from_state', st.from_state, 'to_state', st.to_state,
                                                     'at', st.created_at, 'metadata', st.metadata)
                           FROM tasker.workflow_step_transitions st
                           WHERE st.workflow_step_uuid = s.workflow_step_uuid AND st.most_recent))
                   ORDER BY s.workflow_step_uuid)
            FROM tasker.workflow_steps s
            JOIN tasker.named_steps n ON n.named_step_uuid = s.named_step_uuid
            WHERE s.task_uuid = t.task_uuid), '[]'::jsonb))
    FROM tasker.tasks t
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
    JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    WHERE t.task_uuid = input_task_uuid
$$;
COMMENT ON FUNCTION tasker.task_snapshot(uuid) IS
    'The task, its state and every step with state, attempts, last transition and result, as one JSON document';

-- How long each unfinished task has been in its state and alive, against its template's lifecycle limits
-- (defaults: waiting_for_dependencies 60 min, waiting_for_retry 30, steps_in_process 30, other states and the whole
-- task 1440). staleness_percent is the larger of the two ratios; below 80 healthy, below 100 warning, else stale.
-- Reads only unfinished tasks, through the partial index on the tasks' current states.
CREATE FUNCTION tasker.task_staleness(as_of timestamp)
RETURNS TABLE (
    task_uuid            uuid,
    namespace_name       varchar,
    task_name            varchar,
    task_version         varchar,
    current_state        varchar,
    state_entered_at     timestamp,
    minutes_in_state     numeric,
    threshold_minutes    integer,
    task_age_minutes     numeric,
    max_duration_minutes integer,
    staleness_percent    numeric,
    health_status        text,
    staleness_action     text,
    priority             integer
)
LANGUAGE sql STABLE
AS $$
    SELECT l.task_uuid, l.namespace_name, l.task_name, l.task_version, l.current_state, l.state_entered_at,
           round(l.minutes_in_state, 2), l.threshold_minutes, round(l.task_age_minutes, 2), l.max_duration_minutes,
           round(l.percent, 1),
           CASE WHEN l.percent >= 100 THEN 'stale' WHEN l.percent >= 80 THEN 'warning' ELSE 'healthy' END,
           l.staleness_action, l.priority
    FROM (
        SELECT t.task_uuid, ns.name AS namespace_name, nt.name AS task_name, nt.version AS task_version,
               tt.to_state AS current_state, tt.created_at AS state_entered_at,
               extract(epoch FROM as_of - tt.created_at) / 60 AS minutes_in_state,
               th.threshold_minutes,
               extract(epoch FROM as_of - t.created_at) / 60 AS task_age_minutes,
               th.max_duration_minutes,
               greatest(extract(epoch FROM as_of - tt.created_at) / 60 / th.threshold_minutes,
                        extract(epoch FROM as_of - t.created_at) / 60 / th.max_duration_minutes) * 100 AS percent,
               th.staleness_action, t.priority
        FROM tasker.task_transitions tt
        -- One key lookup per unfinished task (the OFFSET 0 fence keeps it so): the cost follows the unfinished
        -- tasks, never the finished history, which a hash join over all of tasks would read every round.
        CROSS JOIN LATERAL (
            SELECT t.task_uuid, t.named_task_uuid, t.created_at, t.priority FROM tasker.tasks t
            WHERE t.task_uuid = tt.task_uuid OFFSET 0
        ) t
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        CROSS JOIN LATERAL (
            SELECT coalesce(CASE tt.to_state
                                WHEN 'waiting_for_dependencies'
                                    THEN (nt.configuration #>> '{lifecycle,max_waiting_for_dependencies_minutes}')::int
                                WHEN 'waiting_for_retry'
                                    THEN (nt.configuration #>> '{lifecycle,max_waiting_for_retry_minutes}')::int
                                WHEN 'steps_in_process'
                                    THEN (nt.configuration #>> '{lifecycle,max_steps_in_process_minutes}')::int
                            END,
                            CASE tt.to_state
                                WHEN 'waiting_for_dependencies' THEN 60
                                WHEN 'waiting_for_retry' THEN 30
                                WHEN 'steps_in_process' THEN 30
                                ELSE 1440
                            END) AS threshold_minutes,
                   coalesce((nt.configuration #>> '{lifecycle,max_duration_minutes}')::int, 1440)
                       AS max_duration_minutes,
                   coalesce(nt.configuration #>> '{lifecycle,staleness_action}', 'dlq') AS staleness_action
        ) th
        WHERE tt.most_recent
          AND tt.to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                              'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures')
    ) l
$$;
COMMENT ON FUNCTION tasker.task_staleness(timestamp) IS
    'Time in state and age of every unfinished task against its lifecycle limits, with a health status';

CREATE VIEW tasker.v_task_staleness_monitoring AS
SELECT * FROM tasker.task_staleness(timezone('utc', now())::timestamp);
COMMENT ON VIEW tasker.v_task_staleness_monitoring IS
    'Unfinished tasks with time in state, age and staleness (healthy < 80%, warning < 100%, stale)';

-- A cycle among a task's step edges (only possible through hand-edited data): the steps on one.
CREATE FUNCTION tasker.task_dependency_cycle(input_task_uuid uuid)
RETURNS uuid[]
LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE walk(step_uuid, path, cycle) AS (
        SELECT e.to_step_uuid, ARRAY[e.from_step_uuid, e.to_step_uuid], e.from_step_uuid = e.to_step_uuid
        FROM tasker.workflow_step_edges e
        JOIN tasker.workflow_steps s ON s.workflow_step_uuid = e.from_step_uuid
        WHERE s.task_uuid = input_task_uuid
        UNION ALL
        SELECT e.to_step_uuid, w.path || e.to_step_uuid, e.to_step_uuid = ANY (w.path)
        FROM walk w
        JOIN tasker.workflow_step_edges e ON e.from_step_uuid = w.step_uuid
        WHERE NOT w.cycle
    )
    SELECT path FROM walk WHERE cycle LIMIT 1
$$;
COMMENT ON FUNCTION tasker.task_dependency_cycle(uuid) IS
    'The steps on a dependency cycle of the task, or null (templates cannot have cycles; corrupted data can)';

-- Dead letter queue: counts per reason, and the open entries oldest and most important first.
CREATE VIEW tasker.v_dlq_dashboard AS
SELECT d.dlq_reason,
       count(*) AS total_entries,
       count(*) FILTER (WHERE d.resolution_status = 'pending') AS pending,
       count(*) FILTER (WHERE d.resolution_status = 'manually_resolved') AS manually_resolved,
       count(*) FILTER (WHERE d.resolution_status = 'permanently_failed') AS permanently_failed,
       count(*) FILTER (WHERE d.resolution_status = 'cancelled') AS cancelled,
       min(d.dlq_timestamp) FILTER (WHERE d.resolution_status = 'pending') AS oldest_pending_at,
       max(d.dlq_timestamp) AS newest_entry_at,
       round(avg(extract(epoch FROM d.resolution_timestamp - d.dlq_timestamp) / 60)
             FILTER (WHERE d.resolution_timestamp IS NOT NULL), 1) AS avg_resolution_minutes
FROM tasker.tasks_dlq d
GROUP BY d.dlq_reason;
COMMENT ON VIEW tasker.v_dlq_dashboard IS 'Dead letter entries per reason: totals by resolution status and ages';

CREATE VIEW tasker.v_dlq_investigation_queue AS
SELECT d.dlq_entry_uuid, d.task_uuid, d.dlq_reason, d.original_state, d.dlq_timestamp, t.priority,
       ns.name AS namespace_name, nt.name AS task_name, nt.version AS task_version, t.correlation_id,
       round(extract(epoch FROM timezone('utc', now()) - d.dlq_timestamp) / 60, 1) AS minutes_in_dlq
FROM tasker.tasks_dlq d
JOIN tasker.tasks t ON t.task_uuid = d.task_uuid
JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
WHERE d.resolution_status = 'pending'
ORDER BY t.priority DESC, d.dlq_timestamp, d.dlq_entry_uuid;
COMMENT ON VIEW tasker.v_dlq_investigation_queue IS
    'Open dead letter entries to investigate: highest task priority first, then the oldest';

-- ---------------------------------------------------------------------------------------------------------------
-- Retention: finished tasks older than the configured age leave the hot tables, with every row that belongs to
-- them, in small batches. With archiving on they are copied to the same tables in schema tasker_archive first
-- (same columns; a migration that changes a table changes its archive twin too, which a test checks).
-- ---------------------------------------------------------------------------------------------------------------
CREATE SCHEMA tasker_archive;
COMMENT ON SCHEMA tasker_archive IS 'Finished tasks moved out of tasker by retention, with all their rows';
CREATE TABLE tasker_archive.tasks (LIKE tasker.tasks INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.workflow_steps (LIKE tasker.workflow_steps INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.workflow_step_edges (LIKE tasker.workflow_step_edges INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.task_transitions (LIKE tasker.task_transitions INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.workflow_step_transitions (LIKE tasker.workflow_step_transitions INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.workflow_step_result_audit (LIKE tasker.workflow_step_result_audit INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.tasks_dlq (LIKE tasker.tasks_dlq INCLUDING DEFAULTS);
CREATE TABLE tasker_archive.task_annotations (LIKE tasker.task_annotations INCLUDING DEFAULTS);
CREATE INDEX tasks_archive_task_idx ON tasker_archive.tasks (task_uuid);
CREATE INDEX workflow_steps_archive_task_idx ON tasker_archive.workflow_steps (task_uuid);

-- Removes these tasks and everything that belongs to them (steps, edges, transitions, audit rows, DLQ entries,
-- annotations: the foreign keys cascade), after copying it all to tasker_archive when keep_archive. Returns how
-- many tasks were removed. The caller locks the tasks and checks they may go.
CREATE FUNCTION tasker.retire_tasks(input_task_uuids uuid[], keep_archive boolean)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    removed integer;
BEGIN
    IF keep_archive THEN
        INSERT INTO tasker_archive.tasks SELECT * FROM tasker.tasks WHERE task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.workflow_steps
            SELECT * FROM tasker.workflow_steps WHERE task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.workflow_step_edges
            SELECT e.* FROM tasker.workflow_step_edges e
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = e.to_step_uuid
            WHERE s.task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.task_transitions
            SELECT * FROM tasker.task_transitions WHERE task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.workflow_step_transitions
            SELECT st.* FROM tasker.workflow_step_transitions st
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = st.workflow_step_uuid
            WHERE s.task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.workflow_step_result_audit
            SELECT * FROM tasker.workflow_step_result_audit WHERE task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.tasks_dlq SELECT * FROM tasker.tasks_dlq WHERE task_uuid = ANY (input_task_uuids);
        INSERT INTO tasker_archive.task_annotations
            SELECT * FROM tasker.task_annotations WHERE task_uuid = ANY (input_task_uuids);
    END IF;
    DELETE FROM tasker.tasks WHERE task_uuid = ANY (input_task_uuids);
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END
$$;
COMMENT ON FUNCTION tasker.retire_tasks(uuid[], boolean) IS
    'Deletes tasks with all their rows (cascading), copying them to tasker_archive first when asked';

-- A correlation family: the given correlation id and, recursively, the correlation ids of the tasks whose
-- parent_correlation_id is in the family (children, grandchildren, ...). UNION drops repeats, so a cycle in the
-- data ends the recursion instead of looping.
CREATE FUNCTION tasker.correlation_family(root_correlation_id uuid)
RETURNS TABLE (correlation_id uuid)
LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE family(correlation_id) AS (
        SELECT root_correlation_id
        UNION
        SELECT t.correlation_id
        FROM tasker.tasks t
        JOIN family f ON t.parent_correlation_id = f.correlation_id
    )
    SELECT correlation_id FROM family
$$;
COMMENT ON FUNCTION tasker.correlation_family(uuid) IS
    'A correlation id and the correlation ids of its descendants through parent_correlation_id';
