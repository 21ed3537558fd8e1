package io.tasker.board;

import io.tasker.store.jdbc.Tx;

/**
 * What the board tells the layer above it about tasks that reached a final status (the workflow's {@code board}
 * step completes or cancels with its task): {@link #finished} inside the transaction of the change,
 * {@link #committed} after it committed.
 */
public interface BoardEvents {

    BoardEvents NONE = (tx, agent, task) -> { };

    /** {@code agent} completed or cancelled {@code task}; runs in the transaction that did it. */
    void finished(Tx tx, Agent agent, BoardTask task);

    /** After the transaction that completed or cancelled {@code task} committed (work that needs its own). */
    default void committed(Agent agent, BoardTask task) {
    }
}
