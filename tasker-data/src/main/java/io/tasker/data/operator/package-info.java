/**
 * The handlers that run a job's attempt and the operators that write its rows: file, sql, http, and the rows of any
 * engine handler.
 */
package io.tasker.data.operator;
