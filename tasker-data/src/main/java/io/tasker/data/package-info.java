/**
 * The data layer: versioned DAGs of jobs that materialise datasets and partitions, run as workflow tasks of the
 * engine. {@link io.tasker.data.DataPipelines} installs it into an engine; {@link io.tasker.data.DataSchemaLayer}
 * migrates its schema.
 */
package io.tasker.data;
