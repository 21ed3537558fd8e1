package io.tasker.data.dataset;

import io.tasker.TaskerException;

/** The caller's roles include none of a dataset's read roles (HTTP 403). */
public final class DatasetForbiddenException extends TaskerException {

    public DatasetForbiddenException(String dataset) {
        super("dataset '" + dataset + "' is readable only by its read roles, and the caller holds none of them");
    }
}
