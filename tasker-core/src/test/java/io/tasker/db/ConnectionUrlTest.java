package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void libpq_uri_with_credentials_becomes_jdbc_url_and_separate_credentials() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://app:s%40cret@db.example.com:6543/orders?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/orders?sslmode=require");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s@cret");
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://db.example.com:6543/orders?sslmode=require&user=app")
                .doesNotContain("cret");
    }

    @Test
    void jdbc_url_with_credentials_in_parameters_is_accepted() {
        ConnectionUrl url = ConnectionUrl.parse("jdbc:postgresql://localhost/tasker?user=u&password=p");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/tasker");
        assertThat(url.user()).contains("u");
        assertThat(url.password()).contains("p");
    }

    @Test
    void postgres_scheme_without_database_uses_postgres() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://localhost");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/postgres");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEqualTo(Optional.empty());
    }

    @Test
    void other_schemes_are_refused_without_echoing_the_input() {
        assertThatThrownBy(() -> ConnectionUrl.parse("mysql://root:hunter2@localhost/db"))
                .isInstanceOf(io.tasker.InvalidInputException.class)
                .hasMessageStartingWith("invalid database URL")
                .hasMessageNotContaining("hunter2");
    }
}
