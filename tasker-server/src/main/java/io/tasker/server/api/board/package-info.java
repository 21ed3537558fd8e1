/**
 * The coordination board's REST API ({@code /v1/board/...}): tasks, claims, dependencies, context, files,
 * notifications (also as Server-Sent Events) and export, over the {@code tasker-board} module. The acting agent is
 * named in the {@code X-Tasker-Agent} header and acts for the caller's user.
 */
package io.tasker.server.api.board;
