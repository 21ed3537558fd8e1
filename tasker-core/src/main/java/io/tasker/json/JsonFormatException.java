package io.tasker.json;

import io.tasker.TaskerException;

/** Input that is not valid JSON (or YAML); the message says where. */
public class JsonFormatException extends TaskerException {

    public JsonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
