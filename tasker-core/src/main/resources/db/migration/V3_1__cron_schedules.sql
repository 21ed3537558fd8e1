-- Cron: the ticks every cron owner has handled (each tick of an owner exactly once across any number of processes,
-- claimed in the transaction that does its work), and the cron schedules of templates, which start a task per tick.

CREATE TABLE tasker.cron_ticks (
    owner       varchar(200) NOT NULL,
    tick_at     timestamp    NOT NULL,
    outcome     varchar(16)  NOT NULL,
    recorded_at timestamp    NOT NULL DEFAULT timezone('utc', now()),
    task_uuid   uuid,
    error       text,
    CONSTRAINT cron_ticks_pkey PRIMARY KEY (owner, tick_at),
    CONSTRAINT cron_ticks_outcome CHECK (outcome IN ('fired', 'skipped', 'missed', 'failed'))
);
CREATE INDEX cron_ticks_tick_at_idx ON tasker.cron_ticks (tick_at);
COMMENT ON TABLE tasker.cron_ticks IS 'Ticks of cron owners (schedules, data sources), each handled once; kept 30 days';
COMMENT ON COLUMN tasker.cron_ticks.owner IS 'What ticks: schedule:<uuid>, data:<source>, ...';
COMMENT ON COLUMN tasker.cron_ticks.outcome IS 'fired (its task was created), skipped (the previous run was still going), missed (a downtime, not caught up), failed (its task could not be created)';
COMMENT ON COLUMN tasker.cron_ticks.error IS 'Why a failed tick created no task';
COMMENT ON COLUMN tasker.cron_ticks.task_uuid IS 'The task a fired tick created';

CREATE TABLE tasker.schedules (
    schedule_uuid  uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id         uuid         NOT NULL,
    namespace_name varchar(64)  NOT NULL,
    task_name      varchar(64)  NOT NULL,
    task_version   varchar(32),
    cron           varchar(128) NOT NULL,
    timezone       varchar(64)  NOT NULL DEFAULT 'UTC',
    context        jsonb        NOT NULL DEFAULT '{}'::jsonb,
    overlap        varchar(16)  NOT NULL DEFAULT 'skip',
    catch_up       varchar(8)   NOT NULL DEFAULT 'last',
    paused         boolean      NOT NULL DEFAULT false,
    next_tick_at   timestamp,
    handled_up_to  timestamp,
    last_task_uuid uuid,
    created_by     varchar(128),
    created_at     timestamp    NOT NULL DEFAULT timezone('utc', now()),
    updated_at     timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT schedules_pkey PRIMARY KEY (schedule_uuid),
    CONSTRAINT schedules_overlap CHECK (overlap IN ('skip', 'allow', 'cancel_previous')),
    CONSTRAINT schedules_catch_up CHECK (catch_up IN ('none', 'last', 'all')),
    CONSTRAINT schedules_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
-- The scheduler's question every round: which active schedules are due?
CREATE INDEX schedules_due_idx ON tasker.schedules (next_tick_at) WHERE NOT paused;
CREATE INDEX schedules_org_idx ON tasker.schedules (org_id, namespace_name, task_name);
COMMENT ON TABLE tasker.schedules IS 'Cron schedules of templates: each tick starts a task with the schedule''s context';
COMMENT ON COLUMN tasker.schedules.task_version IS 'The template version to start; null: the highest registered version at each tick';
COMMENT ON COLUMN tasker.schedules.timezone IS 'IANA time zone the cron expression is read in';
COMMENT ON COLUMN tasker.schedules.overlap IS 'When the previous run is still going: skip the tick, allow both, or cancel_previous';
COMMENT ON COLUMN tasker.schedules.catch_up IS 'Ticks missed during a downtime: none, last (the latest only) or all';
COMMENT ON COLUMN tasker.schedules.next_tick_at IS 'When the schedule fires next (UTC)';
COMMENT ON COLUMN tasker.schedules.handled_up_to IS 'Ticks up to this instant are handled (fired, skipped, missed, or passed while paused)';
COMMENT ON COLUMN tasker.schedules.last_task_uuid IS 'The task the latest fired tick created';
