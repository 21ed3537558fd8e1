package io.tasker.server.config;

import io.tasker.data.DataSettings;
import io.tasker.data.openlineage.OpenLineageSettings;
import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import io.tasker.server.ServerSettings;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@link ServerSettings.Storage} (the database: embedded or by URL) and the data layer's {@link DataSettings}. */
final class StorageReader {

    private StorageReader() {
    }

    static DatabaseTarget target(SettingValues values) {
        boolean unsafe = values.bool("database.embedded_unsafe_no_durability", false);
        if (unsafe && values.text("database.url").isPresent()) {
            throw values.invalid("database.embedded_unsafe_no_durability", "applies to the embedded database only, "
                    + "and database.url is set");
        }
        return values.text("database.url").<DatabaseTarget>map(url -> values.attempt("database.url",
                () -> DatabaseTarget.external(url))).orElseGet(() -> new DatabaseTarget.Embedded(
                        Path.of(values.text("database.data_dir").orElse(".tasker/pgdata")),
                        values.integer("database.embedded_port"), unsafe));
    }

    static ServerSettings.Storage storage(SettingValues values, DatabaseTarget target) {
        return new ServerSettings.Storage(new DatabaseSettings(target, values.integer("database.pool_size")),
                Optional.empty());
    }

    /** Datasets and input files live beside the embedded database's directory unless configured. */
    static DataSettings data(SettingValues values, DatabaseTarget target) {
        Path home = target instanceof DatabaseTarget.Embedded embedded && embedded.dataDirectory().getParent() != null
                ? embedded.dataDirectory().getParent() : ServerSettings.DEFAULT_DATA_HOME;
        DataSettings defaults = DataSettings.under(home);
        return new DataSettings(values.text("data.storage_root").map(Path::of).orElse(defaults.storageRoot()),
                values.text("data.input_root").map(Path::of).orElse(defaults.inputRoot()),
                values.integer("data.query_max_rows"), values.duration("data.query_timeout_seconds"),
                OpenLineageSettings.parse(values.text("data.openlineage_url").orElse(""),
                        values.text("data.openlineage_namespace").orElse("")));
    }
}
