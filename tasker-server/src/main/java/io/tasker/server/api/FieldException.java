package io.tasker.server.api;

import io.tasker.InvalidInputException;

/** A request field (body field, path or query parameter) with a bad value: 400 naming the field. */
public class FieldException extends InvalidInputException {

    private final String field;

    /** Longest field name repeated back: a client's made-up key could be megabytes long. */
    static final int MAX_FIELD_NAME = 200;

    public FieldException(String field, String problem) {
        super(abbreviated(field) + ": " + problem);
        this.field = abbreviated(field);
    }

    private static String abbreviated(String field) {
        return field.length() > MAX_FIELD_NAME ? field.substring(0, MAX_FIELD_NAME) + "..." : field;
    }

    public String field() {
        return field;
    }
}
