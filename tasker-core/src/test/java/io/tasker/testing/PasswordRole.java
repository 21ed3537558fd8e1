package io.tasker.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The test server trusts every local connection; this adds a role that must log in with a password (SCRAM), so tests
 * can see what a wrong password does.
 */
public final class PasswordRole {

    public static final String NAME = "tasker_password_probe";
    public static final String PASSWORD = "right-secret";

    private PasswordRole() {
    }

    public static synchronized void ensure(TestPostgres postgres) {
        try (Connection c = postgres.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + NAME + " LOGIN PASSWORD '" + PASSWORD + "'");
            String hbaFile;
            try (ResultSet row = s.executeQuery("SHOW hba_file")) {
                row.next();
                hbaFile = row.getString(1);
            }
            Path hba = Path.of(hbaFile);
            String rules = "host all " + NAME + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + NAME + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the password role", e);
        }
    }
}
