/**
 * The coordination board (schema {@code tasker_board}): tasks that agents and people share, with dependencies,
 * compare-and-set claims under leases, per-recipient notifications, shared context, file references and an audit
 * log. {@link io.tasker.board.Board} is the entry point; every status change goes through one path
 * ({@code Transitions}, checked against {@link io.tasker.board.BoardTransitions}).
 */
package io.tasker.board;
