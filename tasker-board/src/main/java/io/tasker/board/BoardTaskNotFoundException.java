package io.tasker.board;

import io.tasker.NotFoundException;

/** No board task with that id in the caller's org (a task of another org is not found either). */
public class BoardTaskNotFoundException extends NotFoundException {

    public BoardTaskNotFoundException(String id) {
        super("board task '" + id + "' not found");
    }
}
