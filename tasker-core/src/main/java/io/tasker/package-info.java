/**
 * Tasker: durable DAG workflow orchestration on PostgreSQL.
 *
 * <p>Sub-packages by feature: {@code db} (connecting, embedded PostgreSQL, migrations, schema documentation),
 * {@code store} (JDBC helper and the row records that map the {@code tasker} tables).
 */
package io.tasker;
