package io.tasker.template;

import io.tasker.ConflictException;

/** Different content was registered under a namespace/name/version that already exists. */
public class TemplateConflictException extends ConflictException {

    public TemplateConflictException(TemplateKey key) {
        super("template " + key + " is already registered with different content; register it under a new version");
    }
}
