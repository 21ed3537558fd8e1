package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dataset.Datasets;
import io.tasker.data.dataset.Reader;
import io.tasker.server.api.Callers;
import io.tasker.server.auth.Caller;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Read roles at the edge: the caller as a {@link Reader} of datasets, and the check every dataset route makes
 * before it answers (403 when the caller's roles include none of the dataset's read roles). The anonymous caller of
 * an open local server and the bootstrap keys of the configuration read everything.
 */
final class DataAccess {

    private DataAccess() {
    }

    static Reader reader(Context ctx) {
        Caller caller = Callers.of(ctx);
        return switch (caller.via()) {
            case ANONYMOUS, BOOTSTRAP_KEY -> Reader.EVERYTHING;
            case API_KEY, JWT -> Reader.withRoles(caller.roles());
        };
    }

    /**
     * Which of the org's datasets the caller may read, by name: lineage answers leave out every edge and input that
     * names one it may not (the walk itself still passes through them, so readable datasets beyond keep their depth).
     */
    static Predicate<String> visible(Context ctx, DataPipelines data) {
        Reader reader = reader(ctx);
        if (reader.everything()) {
            return name -> true;
        }
        Set<String> hidden = data.datasets().list(Callers.of(ctx).orgId()).stream()
                .filter(d -> !reader.mayRead(d.readRoles())).map(Datasets.DatasetView::name)
                .collect(Collectors.toSet());
        return name -> !hidden.contains(name);
    }

    /** The dataset, after checking the caller may read it (404 when it does not exist, 403 when it may not). */
    static Datasets.DatasetView readable(Context ctx, DataPipelines data, String name) {
        UUID org = Callers.of(ctx).orgId();
        Datasets.DatasetView dataset = data.datasets().get(org, name);
        reader(ctx).check(name, dataset.readRoles());
        return dataset;
    }
}
