package io.tasker.data.dag;

/**
 * How a run's rows become the output partition: {@code replace} writes the partition anew; {@code append} adds the
 * rows to what the partition holds, a row replacing an earlier one with the same {@code unique_key}.
 */
public enum UpdateStrategy {
    REPLACE, APPEND;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
