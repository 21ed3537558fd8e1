-- ---------------------------------------------------------------------------------------------------------------
-- Finished tasks are announced: the statement trigger on tasker.tasks (tasks_announce_finished).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP TRIGGER IF EXISTS tasks_announce_finished ON tasker.tasks;
DROP FUNCTION IF EXISTS tasker.announce_finished_tasks();

-- Finished tasks are announced. Whatever finishes a task (its last step, a cancel, staleness) sets
-- tasks.completed_at; this statement trigger sees every task that finished in the statement and, in the same
-- transaction: NOTIFYs tasker_tasks_finished (task uuids, comma separated, at most 200 per notification) so that long
-- polls and parent tasks wake in every engine, gives their task slots back, and writes an outbox row per completion
-- webhook (the template's on_complete and the task's own).
CREATE FUNCTION tasker.announce_finished_tasks() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    finished uuid[];
    i integer;
BEGIN
    SELECT array_agg(n.task_uuid) INTO finished
    FROM new_rows n JOIN old_rows o ON o.task_uuid = n.task_uuid
    WHERE o.completed_at IS NULL AND n.completed_at IS NOT NULL;
    IF finished IS NULL THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. array_length(finished, 1) BY 200 LOOP
        PERFORM pg_notify('tasker_tasks_finished', array_to_string(finished[i:i + 199], ','));
    END LOOP;
    IF EXISTS (SELECT 1 FROM tasker.task_slots) THEN
        DELETE FROM tasker.task_slots WHERE task_uuid = ANY (finished);
    END IF;
    -- Completion webhooks, only when some template or task asks for one.
    IF EXISTS (SELECT 1 FROM tasker.task_webhooks) OR EXISTS (
            SELECT 1 FROM tasker.named_tasks WHERE configuration ? 'on_complete') THEN
        INSERT INTO tasker.outbox (kind, topic, task_uuid, target_url, payload, next_attempt_at, created_at)
        SELECT 'webhook', 'task.' || tt.to_state, t.task_uuid, hook.url,
               jsonb_build_object('event', 'task.' || tt.to_state, 'task_uuid', t.task_uuid,
                                  'namespace', ns.name, 'name', nt.name, 'version', nt.version,
                                  'state', tt.to_state, 'correlation_id', t.correlation_id,
                                  'parent_correlation_id', t.parent_correlation_id,
                                  'created_at', t.created_at, 'completed_at', t.completed_at),
               timezone('utc', now()), timezone('utc', now())
        FROM unnest(finished) AS f(task_uuid)
        JOIN tasker.tasks t ON t.task_uuid = f.task_uuid
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
        CROSS JOIN LATERAL (
            SELECT nt.configuration #>> '{on_complete,url}' AS url
            UNION
            SELECT w.url FROM tasker.task_webhooks w WHERE w.task_uuid = t.task_uuid
        ) hook
        WHERE hook.url IS NOT NULL;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION tasker.announce_finished_tasks() IS
    'Statement trigger on tasks: NOTIFY tasker_tasks_finished for tasks that finished, release their task slots, write their completion webhooks';

CREATE TRIGGER tasks_announce_finished
    AFTER UPDATE ON tasker.tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasker.announce_finished_tasks();
