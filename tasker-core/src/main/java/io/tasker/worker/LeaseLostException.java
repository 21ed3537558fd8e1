package io.tasker.worker;

import io.tasker.ConflictException;
import java.util.UUID;

/** The claim no longer holds its lease: it expired and the step went to another worker, or it was cancelled (409). */
public class LeaseLostException extends ConflictException {

    public LeaseLostException(UUID stepUuid) {
        super("step " + stepUuid + " is no longer claimed with this lease token (the lease expired or the step was"
                + " cancelled); drop it, another worker may have it");
    }
}
