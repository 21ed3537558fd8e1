/**
 * Connecting to PostgreSQL: the embedded server used when no URL is configured, connection URLs, the pool,
 * Flyway migrations with the minimum-version check, and the schema document generated from the live catalog.
 */
package io.tasker.db;
