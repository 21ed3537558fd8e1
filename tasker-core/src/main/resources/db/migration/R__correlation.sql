-- ---------------------------------------------------------------------------------------------------------------
-- Correlation families (used by io.tasker.engine.store.TaskQueries).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.correlation_family(uuid);

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
