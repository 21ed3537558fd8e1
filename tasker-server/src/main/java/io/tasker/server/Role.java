package io.tasker.server;

import io.tasker.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What a server process does; several processes with different roles can share one database. */
public enum Role {
    /** Serves the REST API. */
    API,
    /** Claims and runs steps of its namespaces. */
    WORKER,
    /** Enqueues due retries and recovers steps whose worker died. */
    SCHEDULER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown role '" + code + "': expected api, worker or"
                        + " scheduler"));
    }
}
