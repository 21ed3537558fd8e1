package io.tasker.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpTargetsTest {

    @Test
    void exact_names_and_subdomain_wildcards() {
        HttpTargets targets = new HttpTargets(List.of("API.example.com", "*.hooks.example.org", "10.0.0.7"));
        assertThat(targets.allows(URI.create("https://api.example.com/x"))).isTrue();
        assertThat(targets.allows(URI.create("https://a.b.hooks.example.org/x"))).isTrue();
        assertThat(targets.allows(URI.create("http://10.0.0.7:8080/x"))).isTrue();
        assertThat(targets.allows(URI.create("https://hooks.example.org/x"))).as("the apex is not a subdomain").isFalse();
        assertThat(targets.allows(URI.create("https://evilhooks.example.org/x"))).isFalse();
        assertThat(targets.allows(URI.create("http://169.254.169.254/latest"))).isFalse();
        assertThat(HttpTargets.ANY.allows(URI.create("http://169.254.169.254/latest"))).isTrue();
    }

    @Test
    void entries_that_are_not_hosts_are_refused() {
        assertThatThrownBy(() -> new HttpTargets(List.of("https://api.example.com")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HttpTargets(List.of("api.*.com"))).isInstanceOf(InvalidInputException.class);
    }
}
