/**
 * The {@code tasker task|template|dlq|system} commands: a client of a running Tasker server's REST API
 * (see docs/api.md). {@link io.tasker.cli.client.TaskerClient} does the HTTP; the commands turn answers into tables,
 * or print the server's JSON with {@code --output json}.
 */
package io.tasker.cli.client;
