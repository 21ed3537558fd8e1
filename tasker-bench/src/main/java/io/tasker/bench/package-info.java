/**
 * The benchmark ({@code tasker-bench}): Tasker's scenarios and the peers' (db-scheduler, JobRunr) on one embedded
 * PostgreSQL 18, with the method and the figures in docs/benchmarks.md. Timing goals live here, never in unit tests.
 */
package io.tasker.bench;
