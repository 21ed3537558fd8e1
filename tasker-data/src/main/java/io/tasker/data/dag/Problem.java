package io.tasker.data.dag;

/** One thing wrong with a DAG file, at a YAML path such as {@code jobs[1].unique_key}. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
