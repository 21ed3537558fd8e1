package io.tasker.store.rows;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the Java image of one table of the {@code tasker} schema: one component per column, in
 * camelCase of the column's snake_case name. A test compares every such record with the live table.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
    /** Table name in the {@code tasker} schema. */
    String value();
}
