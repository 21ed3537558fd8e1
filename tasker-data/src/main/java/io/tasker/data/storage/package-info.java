/**
 * Where files live: the storage root's layout with attempt directories, the input root, and the DuckDB sandbox and
 * threads.
 */
package io.tasker.data.storage;
