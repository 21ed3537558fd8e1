/**
 * Storage: the {@code jdbc} helper (transactions, bound parameters) and the {@code rows} records, one per table of
 * the {@code tasker} schema. Repositories of each feature build on these.
 */
package io.tasker.store;
