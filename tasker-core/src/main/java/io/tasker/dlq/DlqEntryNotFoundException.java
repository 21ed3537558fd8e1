package io.tasker.dlq;

import io.tasker.NotFoundException;
import java.util.UUID;

public class DlqEntryNotFoundException extends NotFoundException {

    public DlqEntryNotFoundException(UUID entryUuid) {
        super("dead letter entry " + entryUuid + " does not exist");
    }
}
