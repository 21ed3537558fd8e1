package io.tasker.template;

/**
 * Batch processing settings of a {@code batchable} step (or its {@code batch_worker} template).
 *
 * @param workerTemplate  name of the {@code batch_worker} step each batch worker is made from
 * @param failureStrategy {@code continue_on_failure}, {@code fail_fast} or {@code isolate}
 */
public record BatchConfig(int batchSize, int parallelism, String cursorField, String workerTemplate,
                          String failureStrategy) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int DEFAULT_PARALLELISM = 10;
    public static final String DEFAULT_CURSOR_FIELD = "id";
    public static final String DEFAULT_FAILURE_STRATEGY = "continue_on_failure";
}
