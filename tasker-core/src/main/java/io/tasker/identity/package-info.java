/**
 * Identity: organisations, users, roles and API keys, stored in the {@code tasker} schema. Every user, template
 * namespace (and, in the layers above, every DAG, dataset and board task) belongs to one org; a default org exists
 * so that a single-team install needs no setup. {@link io.tasker.identity.Identity} is the entry point; what a
 * permission lets a caller do is decided by the server, which owns the permission names.
 */
package io.tasker.identity;
