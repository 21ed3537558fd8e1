/**
 * Storage that knows nothing about workflows: the {@code jdbc} helper (transactions, bound parameters), the
 * {@code rows} records (one per table of the {@code tasker} schema), ids and column readers. The stores of each
 * feature ({@code engine.store}, {@code template}, {@code dlq}, ...) build on these.
 */
package io.tasker.store;
