package io.tasker.server.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@code file:} target of the outbox (used by OpenLineage events): each message is appended to the file as one JSON
 * line and forced to disk before the delivery is recorded, so a crash in between repeats the line (at least once)
 * and never loses it. The file is written by whichever server process with the scheduler role delivers the message.
 */
final class FileTarget {

    /**
     * Only messages written from the server's own settings go to files (OpenLineage events, topic
     * {@code openlineage.*}); webhook URLs come from task creators and stay http(s) only.
     */
    static final String TOPIC_PREFIX = "openlineage.";

    private FileTarget() {
    }

    static boolean handles(String url) {
        return url.regionMatches(true, 0, "file:", 0, 5);
    }

    /** Empty when appended; otherwise why not. */
    static Optional<String> append(String url, String body) {
        try {
            Path file = Path.of(URI.create(url));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer line = ByteBuffer.wrap((body.replace("\n", " ") + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                channel.force(false);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Optional.of("unusable file URL: " + e.getMessage());
        }
    }
}
