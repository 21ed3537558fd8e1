/**
 * Lineage: which datasets feed which (from the active DAG versions), which input partitions a published partition
 * was made from (from the runs' {@code task_inputs}), and which input columns each column is made from (the
 * {@code column_lineage} jobs declare), each as a walk in SQL.
 */
package io.tasker.data.lineage;
