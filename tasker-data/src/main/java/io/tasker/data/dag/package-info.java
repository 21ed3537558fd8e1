/** DAG files: the YAML model of DAGs, jobs, inputs, partitions and sources, and its validation with YAML paths. */
package io.tasker.data.dag;
