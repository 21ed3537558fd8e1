package io.tasker.data.dag;

/** One input of a job: an output of another job of the DAG, or a dataset by name (of any DAG of the org). */
public sealed interface InputRef {

    record FromJob(String job, int output) implements InputRef {
    }

    record FromDataset(String dataset) implements InputRef {
    }
}
