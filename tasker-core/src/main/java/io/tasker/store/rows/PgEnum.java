package io.tasker.store.rows;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a Java enum as the image of a PostgreSQL enum type in the {@code tasker} schema (labels = lower-case names). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PgEnum {
    /** Type name in the {@code tasker} schema. */
    String value();
}
