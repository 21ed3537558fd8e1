package io.tasker.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The example templates shipped in this jar, as YAML texts. */
public final class ExampleTemplates {

    /** File names under {@code io/tasker/examples/templates/}. */
    public static final List<String> FILES = List.of(
            "linear_workflow.yaml",
            "diamond_workflow.yaml",
            "tree_workflow.yaml",
            "mixed_dag_workflow.yaml",
            "order_fulfillment.yaml",
            "retry_workflows.yaml",
            "retry_exhaustion.yaml",
            "conditional_approval.yaml",
            "csv_batch_processing.yaml");

    private ExampleTemplates() {
    }

    public static List<String> yamlTexts() {
        List<String> texts = new ArrayList<>();
        for (String file : FILES) {
            texts.add(read(file));
        }
        return texts;
    }

    public static String read(String file) {
        String path = "templates/" + file;
        try (InputStream in = ExampleTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing example template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
