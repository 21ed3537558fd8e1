-- Data pipelines (seed 002, every table but the four identity ones, column for column), plus the org of each
-- owned row, the keys, checks and indexes the engine's queries need, and two tables of our own for backfills
-- (a manual run over many partitions with a concurrency limit). A run (tasks row) shares its id with the workflow
-- task of the core engine that executes it.

CREATE TABLE tasker_data.dag_versions (
    id         uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id     uuid        NOT NULL,
    dag_name   text        NOT NULL,
    yaml_hash  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dag_versions_pkey PRIMARY KEY (id),
    CONSTRAINT dag_versions_org_name_hash_key UNIQUE (org_id, dag_name, yaml_hash),
    CONSTRAINT dag_versions_dag_name_format CHECK (dag_name ~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' AND length(dag_name) <= 63),
    CONSTRAINT dag_versions_yaml_hash_format CHECK (yaml_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT dag_versions_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
CREATE INDEX dag_versions_org_name_idx ON tasker_data.dag_versions (org_id, dag_name, created_at);
COMMENT ON TABLE tasker_data.dag_versions IS 'Immutable deployed versions of a DAG; the same YAML deployed again is the same version';
COMMENT ON COLUMN tasker_data.dag_versions.yaml_hash IS 'SHA-256 (hex) of the YAML text as deployed';

CREATE TABLE tasker_data.dag_current_versions (
    org_id         uuid        NOT NULL,
    dag_name       text        NOT NULL,
    dag_version_id uuid        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dag_current_versions_pkey PRIMARY KEY (org_id, dag_name),
    CONSTRAINT dag_current_versions_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id),
    CONSTRAINT dag_current_versions_dag_version_id_fkey FOREIGN KEY (dag_version_id)
        REFERENCES tasker_data.dag_versions (id)
);
COMMENT ON TABLE tasker_data.dag_current_versions IS 'The active version of each DAG; a cut-over or rollback updates this row';
COMMENT ON COLUMN tasker_data.dag_current_versions.updated_at IS 'When the version was activated; versions deployed later are being built';

CREATE TABLE tasker_data.jobs (
    id                        uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id                    uuid        NOT NULL,
    name                      text        NOT NULL,
    dag_name                  text        NOT NULL,
    dag_version_id            uuid        NOT NULL,
    activation                text        NOT NULL,
    runtime                   text        NOT NULL,
    operator                  text        NOT NULL,
    source                    jsonb,
    execution_strategy        text        NOT NULL,
    idle_timeout              text,
    config                    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    config_hash               text        NOT NULL,
    input_datasets            text[]      NOT NULL DEFAULT '{}',
    output_datasets           text[]      NOT NULL DEFAULT '{}',
    update_strategy           text        NOT NULL,
    unique_key                text[],
    scaling                   jsonb,
    timeout_seconds           int         NOT NULL,
    heartbeat_timeout_seconds int         NOT NULL,
    max_attempts              int         NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_pkey PRIMARY KEY (id),
    CONSTRAINT jobs_dag_version_name_key UNIQUE (dag_version_id, name),
    CONSTRAINT jobs_activation_known CHECK (activation IN ('source', 'reactive', 'manual')),
    CONSTRAINT jobs_execution_strategy_known CHECK (execution_strategy IN ('PerPartition', 'PerUpdate')),
    CONSTRAINT jobs_update_strategy_known CHECK (update_strategy IN ('replace', 'append')),
    CONSTRAINT jobs_append_has_unique_key CHECK (update_strategy <> 'append' OR cardinality(unique_key) > 0),
    CONSTRAINT jobs_limits_positive CHECK (timeout_seconds > 0 AND heartbeat_timeout_seconds > 0 AND max_attempts > 0),
    CONSTRAINT jobs_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id),
    CONSTRAINT jobs_dag_version_id_fkey FOREIGN KEY (dag_version_id) REFERENCES tasker_data.dag_versions (id)
);
CREATE INDEX jobs_org_dag_name_idx ON tasker_data.jobs (org_id, dag_name, name);
CREATE INDEX jobs_input_datasets_idx ON tasker_data.jobs USING gin (input_datasets);
COMMENT ON TABLE tasker_data.jobs IS 'The jobs of each DAG version: operator, activation, inputs and outputs, retry and time limits';
COMMENT ON COLUMN tasker_data.jobs.config IS 'The operator''s config as deployed, with the job''s partitioning under "partitions"';
COMMENT ON COLUMN tasker_data.jobs.config_hash IS 'Hash of what decides the job''s output (operator, runtime, config, partitioning, strategies, inputs'' versions)';
COMMENT ON COLUMN tasker_data.jobs.input_datasets IS 'Names of the datasets the job reads, in input order (input_0, input_1, ...)';
COMMENT ON COLUMN tasker_data.jobs.output_datasets IS 'Names of the datasets the job writes, in output order';

CREATE TABLE tasker_data.datasets (
    id                    uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id                uuid        NOT NULL,
    name                  text        NOT NULL,
    producer_dag_name     text        NOT NULL,
    producer_job_name     text        NOT NULL,
    producer_output_index int         NOT NULL,
    storage               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    read_roles            text[]      NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT datasets_pkey PRIMARY KEY (id),
    CONSTRAINT datasets_org_name_key UNIQUE (org_id, name),
    CONSTRAINT datasets_name_format CHECK (name ~ '^[a-z][a-z0-9_]{0,127}$'),
    CONSTRAINT datasets_output_index_range CHECK (producer_output_index >= 0),
    CONSTRAINT datasets_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
COMMENT ON TABLE tasker_data.datasets IS 'Named datasets: published ones by their publish name, the other outputs as <dag>__<job>[__<n>]';
COMMENT ON COLUMN tasker_data.datasets.storage IS 'Format and layout of the files: {"format": "parquet", "layout": "<dataset>/<version>/<partition>/"}';
COMMENT ON COLUMN tasker_data.datasets.read_roles IS 'Roles that may read the dataset; empty: every member of the org';

CREATE TABLE tasker_data.dataset_versions (
    id               uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    dataset_uuid     uuid        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    storage_location text        NOT NULL,
    config_hash      text        NOT NULL,
    schema_hash      text,
    CONSTRAINT dataset_versions_pkey PRIMARY KEY (id),
    CONSTRAINT dataset_versions_dataset_config_key UNIQUE (dataset_uuid, config_hash),
    CONSTRAINT dataset_versions_dataset_uuid_fkey FOREIGN KEY (dataset_uuid) REFERENCES tasker_data.datasets (id)
);
COMMENT ON TABLE tasker_data.dataset_versions IS 'A dataset as built by one producer configuration; a changed job or upstream makes a new one';
COMMENT ON COLUMN tasker_data.dataset_versions.storage_location IS 'Directory of the version under the storage root: <dataset>/<version>';
COMMENT ON COLUMN tasker_data.dataset_versions.schema_hash IS 'Hash of the column names and types of the latest materialised partition';

CREATE TABLE tasker_data.dag_version_datasets (
    dag_version_id  uuid NOT NULL,
    dataset_uuid    uuid NOT NULL,
    dataset_version uuid NOT NULL,
    CONSTRAINT dag_version_datasets_pkey PRIMARY KEY (dag_version_id, dataset_uuid),
    CONSTRAINT dag_version_datasets_dag_version_id_fkey FOREIGN KEY (dag_version_id)
        REFERENCES tasker_data.dag_versions (id),
    CONSTRAINT dag_version_datasets_dataset_uuid_fkey FOREIGN KEY (dataset_uuid) REFERENCES tasker_data.datasets (id),
    CONSTRAINT dag_version_datasets_dataset_version_fkey FOREIGN KEY (dataset_version)
        REFERENCES tasker_data.dataset_versions (id)
);
CREATE INDEX dag_version_datasets_version_idx ON tasker_data.dag_version_datasets (dataset_version);
COMMENT ON TABLE tasker_data.dag_version_datasets IS 'Which version of each dataset a DAG version writes; the current DAG version''s rows are the datasets'' current versions';

CREATE TABLE tasker_data.tasks (
    id             uuid        NOT NULL,
    org_id         uuid        NOT NULL,
    job_id         uuid        NOT NULL,
    status         text        NOT NULL,
    partitions     text[]      NOT NULL DEFAULT '{}',
    input_versions jsonb,
    worker_id      text,
    started_at     timestamptz,
    completed_at   timestamptz,
    last_heartbeat timestamptz,
    attempts       int         NOT NULL DEFAULT 0,
    next_retry_at  timestamptz,
    error_message  text,
    outputs        jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tasks_pkey PRIMARY KEY (id),
    CONSTRAINT tasks_status_known CHECK (status IN ('waiting', 'queued', 'running', 'retrying', 'succeeded', 'failed',
                                                    'cancelled')),
    CONSTRAINT tasks_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT tasks_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id),
    CONSTRAINT tasks_job_id_fkey FOREIGN KEY (job_id) REFERENCES tasker_data.jobs (id)
);
CREATE INDEX tasks_job_created_idx ON tasker_data.tasks (job_id, created_at);
CREATE INDEX tasks_unfinished_idx ON tasker_data.tasks (job_id, status)
    WHERE status IN ('waiting', 'queued', 'running', 'retrying');
CREATE INDEX tasks_partitions_idx ON tasker_data.tasks USING gin (partitions);
COMMENT ON TABLE tasker_data.tasks IS 'Runs: one run of one job over one or more partitions, executed as the workflow task with the same id';
COMMENT ON COLUMN tasker_data.tasks.id IS 'Also the task_uuid of the tasker.tasks row that executes the run (none while waiting)';
COMMENT ON COLUMN tasker_data.tasks.status IS 'waiting (for a concurrency slot), queued, running, retrying, succeeded, failed, cancelled';
COMMENT ON COLUMN tasker_data.tasks.input_versions IS 'What started the run: {"trigger": ..., "dataset": ..., "partition": ..., "materialized_at": ...}';
COMMENT ON COLUMN tasker_data.tasks.outputs IS 'The partitions the run published: [{dataset, dataset_version, partition_key, location, row_count, bytes}]';

CREATE TABLE tasker_data.task_inputs (
    task_id             uuid        NOT NULL,
    input_dataset_uuid  uuid        NOT NULL,
    input_partition_key text        NOT NULL,
    input_version       timestamptz NOT NULL,
    CONSTRAINT task_inputs_pkey PRIMARY KEY (task_id, input_dataset_uuid, input_partition_key),
    CONSTRAINT task_inputs_task_id_fkey FOREIGN KEY (task_id) REFERENCES tasker_data.tasks (id) ON DELETE CASCADE,
    CONSTRAINT task_inputs_input_dataset_uuid_fkey FOREIGN KEY (input_dataset_uuid)
        REFERENCES tasker_data.datasets (id)
);
CREATE INDEX task_inputs_input_idx ON tasker_data.task_inputs (input_dataset_uuid, input_partition_key);
COMMENT ON TABLE tasker_data.task_inputs IS 'The input partitions a run read, each by its materialisation time';

CREATE TABLE tasker_data.column_lineage (
    output_dataset_uuid uuid NOT NULL,
    output_column       text NOT NULL,
    input_dataset_uuid  uuid NOT NULL,
    input_column        text NOT NULL,
    job_id              uuid NOT NULL,
    CONSTRAINT column_lineage_pkey PRIMARY KEY (output_dataset_uuid, output_column, input_dataset_uuid, input_column),
    CONSTRAINT column_lineage_output_dataset_uuid_fkey FOREIGN KEY (output_dataset_uuid)
        REFERENCES tasker_data.datasets (id),
    CONSTRAINT column_lineage_input_dataset_uuid_fkey FOREIGN KEY (input_dataset_uuid)
        REFERENCES tasker_data.datasets (id),
    CONSTRAINT column_lineage_job_id_fkey FOREIGN KEY (job_id) REFERENCES tasker_data.jobs (id)
);
COMMENT ON TABLE tasker_data.column_lineage IS 'Which input columns each output column is made from, and by which job';

CREATE TABLE tasker_data.partition_versions (
    dataset_uuid    uuid        NOT NULL,
    dataset_version uuid        NOT NULL,
    partition_key   text        NOT NULL,
    materialized_at timestamptz NOT NULL,
    config_hash     text        NOT NULL,
    schema_hash     text,
    location        text        NOT NULL,
    row_count       bigint      NOT NULL,
    bytes           bigint      NOT NULL,
    CONSTRAINT partition_versions_pkey PRIMARY KEY (dataset_uuid, dataset_version, partition_key),
    CONSTRAINT partition_versions_key_format CHECK (partition_key ~ '^[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}$'
                                                    AND partition_key NOT LIKE '%..%'),
    CONSTRAINT partition_versions_counts_not_negative CHECK (row_count >= 0 AND bytes >= 0),
    CONSTRAINT partition_versions_dataset_uuid_fkey FOREIGN KEY (dataset_uuid) REFERENCES tasker_data.datasets (id),
    CONSTRAINT partition_versions_dataset_version_fkey FOREIGN KEY (dataset_version)
        REFERENCES tasker_data.dataset_versions (id)
);
CREATE INDEX partition_versions_version_idx ON tasker_data.partition_versions (dataset_version, partition_key);
COMMENT ON TABLE tasker_data.partition_versions IS 'The committed partitions of each dataset version; a row is written only by an accepted attempt';
COMMENT ON COLUMN tasker_data.partition_versions.location IS 'Directory of the committing attempt under the storage root: <dataset>/<version>/<partition>/<run>-a<attempt>';

CREATE TABLE tasker_data.dataset_cursors (
    dataset_uuid    uuid        NOT NULL,
    dataset_version uuid        NOT NULL,
    job_id          uuid        NOT NULL,
    cursor_column   text        NOT NULL,
    cursor_value    text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dataset_cursors_pkey PRIMARY KEY (dataset_uuid, dataset_version, job_id),
    CONSTRAINT dataset_cursors_dataset_uuid_fkey FOREIGN KEY (dataset_uuid) REFERENCES tasker_data.datasets (id),
    CONSTRAINT dataset_cursors_dataset_version_fkey FOREIGN KEY (dataset_version)
        REFERENCES tasker_data.dataset_versions (id),
    CONSTRAINT dataset_cursors_job_id_fkey FOREIGN KEY (job_id) REFERENCES tasker_data.jobs (id)
);
COMMENT ON TABLE tasker_data.dataset_cursors IS 'How far an incremental (PerUpdate) job has read an input dataset version';

CREATE TABLE tasker_data.data_invalidations (
    id              uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    dataset_uuid    uuid        NOT NULL,
    dataset_version uuid        NOT NULL,
    scope           text        NOT NULL,
    partition_key   text,
    row_filter      jsonb,
    reason          text        NOT NULL,
    source_event    jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    processed_by    uuid[]      NOT NULL DEFAULT '{}',
    processed_at    timestamptz,
    CONSTRAINT data_invalidations_pkey PRIMARY KEY (id),
    CONSTRAINT data_invalidations_scope_known CHECK (scope IN ('partition', 'row_range')),
    CONSTRAINT data_invalidations_reason_known CHECK (reason IN ('correction', 'reorg', 'schema_change', 'manual')),
    CONSTRAINT data_invalidations_dataset_uuid_fkey FOREIGN KEY (dataset_uuid) REFERENCES tasker_data.datasets (id),
    CONSTRAINT data_invalidations_dataset_version_fkey FOREIGN KEY (dataset_version)
        REFERENCES tasker_data.dataset_versions (id)
);
CREATE INDEX data_invalidations_unprocessed_idx ON tasker_data.data_invalidations (dataset_uuid, created_at)
    WHERE processed_at IS NULL;
COMMENT ON TABLE tasker_data.data_invalidations IS 'Corrections of a dataset''s partitions or rows, processed by its dependent jobs';

-- Backfills: manual runs over many partitions, at most max_concurrency of them queued or running at once. The
-- runs beyond the limit wait (status waiting, no workflow task yet); each finishing run starts the next one in the
-- transaction that records its outcome.
CREATE TABLE tasker_data.backfills (
    id              uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id          uuid        NOT NULL,
    job_id          uuid        NOT NULL,
    mode            text        NOT NULL,
    max_concurrency int         NOT NULL,
    created_by      uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT backfills_pkey PRIMARY KEY (id),
    CONSTRAINT backfills_mode_known CHECK (mode IN ('missing', 'failed', 'all')),
    CONSTRAINT backfills_max_concurrency_positive CHECK (max_concurrency > 0),
    CONSTRAINT backfills_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id),
    CONSTRAINT backfills_job_id_fkey FOREIGN KEY (job_id) REFERENCES tasker_data.jobs (id),
    CONSTRAINT backfills_created_by_fkey FOREIGN KEY (created_by) REFERENCES tasker.users (id)
);
COMMENT ON TABLE tasker_data.backfills IS 'Manual runs and backfills of a job over many partitions, with their concurrency limit';

CREATE TABLE tasker_data.backfill_tasks (
    backfill_id uuid NOT NULL,
    task_id     uuid NOT NULL,
    CONSTRAINT backfill_tasks_pkey PRIMARY KEY (task_id),
    CONSTRAINT backfill_tasks_backfill_id_fkey FOREIGN KEY (backfill_id) REFERENCES tasker_data.backfills (id),
    CONSTRAINT backfill_tasks_task_id_fkey FOREIGN KEY (task_id) REFERENCES tasker_data.tasks (id) ON DELETE CASCADE
);
CREATE INDEX backfill_tasks_backfill_idx ON tasker_data.backfill_tasks (backfill_id);
COMMENT ON TABLE tasker_data.backfill_tasks IS 'The runs of each backfill';
