package io.tasker.data.dataset;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is reading datasets, for their read roles ({@code datasets.read_roles}): a caller with roles, who may read a
 * dataset whose read roles are empty or include one of them; or everyone's reader (an open local server, the
 * engine itself).
 */
public record Reader(boolean everything, Set<String> roles) {

    public static final Reader EVERYTHING = new Reader(true, Set.of());

    public Reader {
        roles = Set.copyOf(roles);
    }

    public static Reader withRoles(Collection<String> roles) {
        return new Reader(false, Set.copyOf(roles));
    }

    public boolean mayRead(List<String> readRoles) {
        return everything || readRoles.isEmpty() || readRoles.stream().anyMatch(roles::contains);
    }

    /** Throws {@link DatasetForbiddenException} unless this reader may read the dataset. */
    public void check(String dataset, List<String> readRoles) {
        if (!mayRead(readRoles)) {
            throw new DatasetForbiddenException(dataset);
        }
    }
}
