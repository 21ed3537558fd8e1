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
           t.named_task_uuid, t.context, t.correlation_id, ns.name::text,
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
