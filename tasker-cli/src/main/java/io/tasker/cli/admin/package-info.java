/**
 * {@code tasker admin ...}: orgs, users, roles and API keys, changed in the database directly (no server, no key),
 * so that the first admin and its first key can be made before any key exists.
 */
package io.tasker.cli.admin;
