package io.tasker.server.auth;

import io.tasker.TaskerException;

/** Missing or invalid credentials (401) or a missing permission (403). */
public class AuthenticationException extends TaskerException {

    private final boolean forbidden;

    private AuthenticationException(String message, boolean forbidden) {
        super(message);
        this.forbidden = forbidden;
    }

    public static AuthenticationException unauthorized(String message) {
        return new AuthenticationException(message, false);
    }

    public static AuthenticationException forbidden(String message) {
        return new AuthenticationException(message, true);
    }

    public boolean isForbidden() {
        return forbidden;
    }
}
