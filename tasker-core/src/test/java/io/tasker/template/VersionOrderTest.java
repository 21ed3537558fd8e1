package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void versions_sort_numerically_part_by_part() {
        List<String> versions = new ArrayList<>(List.of("1.10.0", "1.9.2", "2.0.0", "1.9.10", "1.0", "1.0.0-beta"));
        versions.sort(VersionOrder.INSTANCE);
        assertThat(versions).containsExactly("1.0", "1.0.0-beta", "1.9.2", "1.9.10", "1.10.0", "2.0.0");
    }
}
