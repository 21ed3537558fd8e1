-- Tasker canonical schema (seed 000 tables, the older seed 001 tables, and what the engine needs).
-- Runs unchanged on PostgreSQL 17 and 18. All times are UTC `timestamp` values written by the engine's clock;
-- the column defaults only cover rows written by hand. Flyway creates the schema itself (its history table lives
-- there too), so this script does not.
--
-- Tables, types and indexes only (and uuid_generate_v7, which column defaults need). Functions, views and triggers
-- live in repeatable migrations named for what they do (R__claim_steps.sql, R__readiness.sql, R__dlq.sql, ...),
-- which Flyway runs after every versioned migration and again whenever they change: versioned migrations must not
-- depend on them. Databases made before that split ran the earlier copy of this file, which held them too;
-- io.tasker.db.Migrations accepts exactly that copy's checksum and records this one's.

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
