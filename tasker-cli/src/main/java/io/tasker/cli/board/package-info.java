/**
 * {@code tasker board ...}: the coordination board's commands, clients of the server's {@code /v1/board} API that
 * act as an agent ({@code --agent} or {@code TASKER_AGENT_ID}); every read prints JSON with {@code --json}.
 */
package io.tasker.cli.board;
