package io.tasker.template;

import io.tasker.NotFoundException;

public class TemplateNotFoundException extends NotFoundException {

    public TemplateNotFoundException(String message) {
        super(message);
    }
}
