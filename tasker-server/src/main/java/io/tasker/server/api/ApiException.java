package io.tasker.server.api;

import io.tasker.TaskerException;

/** A request problem found by the web layer itself (wrong content type, unknown route, ...). */
public class ApiException extends TaskerException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported_media_type", message);
    }
}
