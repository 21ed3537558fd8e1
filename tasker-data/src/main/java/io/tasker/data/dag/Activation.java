package io.tasker.data.dag;

/** What starts a job's runs. */
public enum Activation {
    /** Its source: a cron schedule, or only manual runs ({@code source: {kind: manual}}). */
    SOURCE,
    /** A materialised partition of one of its inputs. */
    REACTIVE,
    /** Only manual runs and backfills. */
    MANUAL;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
