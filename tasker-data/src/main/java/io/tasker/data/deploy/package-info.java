/**
 * Deploying DAG versions (idempotent by YAML hash, new dataset versions only for what changed), the templates jobs
 * run as, cut-over and rollback, and reading DAGs and their differences.
 */
package io.tasker.data.deploy;
