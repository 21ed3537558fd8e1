/**
 * One record per table of the {@code tasker} schema ({@link io.tasker.store.rows.Table}) and the Java images of its
 * enum types. {@code RowRecordDriftTest} fails when a record and its table disagree.
 */
package io.tasker.store.rows;
