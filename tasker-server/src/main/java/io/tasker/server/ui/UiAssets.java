package io.tasker.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read from the classpath once at start. Only the files named here are served, so a request
 * path can never reach another resource.
 */
final class UiAssets {

    /** A file with the type browsers need to use it. */
    record Asset(byte[] content, String contentType) {
    }

    static final List<String> FILES = List.of("index.html", "app.css", "api.js", "dag.js", "charts.js", "app.js",
            "overview.js", "tasks.js", "task.js", "templates.js", "dlq.js", "pipelines.js", "partitions.js", "board.js");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    UiAssets() {
        for (String file : FILES) {
            assets.put(file, new Asset(read(file), contentType(file)));
        }
    }

    Optional<Asset> get(String file) {
        return Optional.ofNullable(assets.get(file));
    }

    private static byte[] read(String file) {
        try (InputStream in = UiAssets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
