/**
 * The REST routes of the data layer: DAGs (deploy, activate, diff), datasets and partitions, runs and backfills of
 * jobs, and SQL queries over published datasets. The layer itself is {@code io.tasker.data} (no HTTP).
 */
package io.tasker.server.api.data;
