package io.tasker.db;

import java.nio.file.Path;

/** Runs in a child JVM: opens the embedded database in the given directory, says READY and waits to be killed. */
public final class EmbeddedDatabaseChild {

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(DatabaseSettings.of(DatabaseTarget.embedded(Path.of(args[0]))));
        database.migrate();
        System.out.println("READY " + database.url().jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
