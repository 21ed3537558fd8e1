package io.tasker.server.api;

import io.tasker.InvalidInputException;

/** A request field (body field, path or query parameter) with a bad value: 400 naming the field. */
public class FieldException extends InvalidInputException {

    private final String field;

    public FieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
