package io.tasker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured level to Tasker's loggers. */
final class Logging {

    private Logging() {
    }

    static void setLevel(String level) {
        if (LoggerFactory.getLogger("io.tasker") instanceof Logger logger) {
            logger.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
