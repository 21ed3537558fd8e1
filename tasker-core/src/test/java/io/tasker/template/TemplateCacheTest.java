package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.time.Clock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The template cache holds a bounded number of steps, however many versions are registered and read. */
@DatabaseTest
class TemplateCacheTest {

    private static String version(int version) {
        return """
                name: wide
                namespace_name: cache
                version: 1.0.%d
                steps:
                %s
                """.formatted(version, IntStream.range(0, 10)
                .mapToObj(i -> "  - {name: s%d, handler: {callable: h}}".formatted(i))
                .collect(Collectors.joining("\n")));
    }

    @Test
    void the_cache_evicts_the_least_recently_used_versions_and_reads_them_again_when_asked(DataSource dataSource) {
        TemplateRegistry registry = new TemplateRegistry(new Jdbc(dataSource), callable -> true, "development",
                Clock.systemUTC(), 50);
        for (int v = 0; v < 20; v++) {
            registry.registerYaml(version(v));
            assertThat(registry.cachedSteps()).as("after %d versions of 11 units", v + 1).isLessThanOrEqualTo(50);
        }
        for (int v = 0; v < 20; v++) {
            RegisteredTemplate template = registry.get(new TemplateKey("cache", "wide", "1.0." + v));
            assertThat(template.template().steps()).hasSize(10);
            assertThat(registry.get(template.namedTaskUuid()).key()).isEqualTo(template.key());
        }
        assertThat(registry.cachedSteps()).isLessThanOrEqualTo(50).isPositive();
    }
}
