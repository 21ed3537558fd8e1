-- Tasker 1.1 (issue 11, first use): a dead letter reason found missing by a first use. (The same issue's fix of a
-- cancelled task's execution context is in R__readiness.sql, with the other functions.)

-- A task that ends in `error` because a step failed permanently (not by using up its attempts) opens a dead letter
-- entry too, so that `tasker dlq queue` lists every task an operator must look at. The reference system's five
-- reasons have no word for it; this one is ours. (ADD VALUE runs in Flyway's transaction on PostgreSQL 12+; the new
-- value is only used after this migration has committed.)
ALTER TYPE tasker.dlq_reason ADD VALUE IF NOT EXISTS 'permanent_failure' AFTER 'max_retries_exceeded';
