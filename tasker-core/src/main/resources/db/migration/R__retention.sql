-- ---------------------------------------------------------------------------------------------------------------
-- Retention: removing finished tasks, optionally into tasker_archive (used by
-- io.tasker.scheduler.Retention; the archive tables are in V1).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.retire_tasks(uuid[], boolean);

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
