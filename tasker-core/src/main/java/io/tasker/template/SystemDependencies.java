package io.tasker.template;

import java.util.List;

/** External systems the template relies on; registered in {@code dependent_systems}. */
public record SystemDependencies(String primary, List<String> secondary) {

    public static final SystemDependencies DEFAULT = new SystemDependencies("default", List.of());

    public SystemDependencies {
        secondary = List.copyOf(secondary);
    }
}
