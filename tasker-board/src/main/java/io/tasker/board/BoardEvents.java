package io.tasker.board;

import io.tasker.store.jdbc.Tx;

/**
 * What the board tells the layer above it, inside the transaction of the change: a task reached a final status
 * (the workflow's {@code board} step completes or cancels with it).
 */
public interface BoardEvents {

    BoardEvents NONE = (tx, task) -> { };

    void finished(Tx tx, BoardTask task);
}
