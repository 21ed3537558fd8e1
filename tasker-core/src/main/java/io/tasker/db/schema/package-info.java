/**
 * The schema document (docs/database-schema.md), generated from the live catalog of a migrated database:
 * {@link io.tasker.db.schema.SchemaCatalog} reads tables, columns, indexes, functions and views;
 * {@link io.tasker.db.schema.SchemaMarkdown} writes them out. {@code SchemaDocTest} fails when the document is stale.
 */
package io.tasker.db.schema;
