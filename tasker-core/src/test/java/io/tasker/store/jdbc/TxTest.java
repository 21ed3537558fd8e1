package io.tasker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.store.rows.DlqReason;
import io.tasker.testing.DatabaseTest;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@DatabaseTest
class TxTest {

    @Test
    void an_enum_parameter_binds_as_its_database_name_whatever_the_default_locale(DataSource dataSource) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            // In Turkish, "I".toLowerCase() is a dotless "ı": the name would no longer match the database's enum.
            assertThat(new Jdbc(dataSource).queryOne("SELECT ?::tasker.dlq_reason::text", row -> row.getString(1),
                    DlqReason.MAX_RETRIES_EXCEEDED)).contains("max_retries_exceeded");
        } finally {
            Locale.setDefault(before);
        }
    }
}
