package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimRoundsTest {

    @Test
    void namespace_rotation_keeps_going_when_the_round_counter_wraps_around() {
        List<String> namespaces = List.of("a", "b", "c");
        List<String> visited = new ArrayList<>();
        int round = Integer.MAX_VALUE - 1;
        for (int i = 0; i < 4; i++, round++) {
            visited.add(ClaimRounds.namespaceAt(namespaces, round));
        }
        // With % the two rounds after the wrap would ask for index -2 and -1 and throw, every round from then on.
        // floorMod stays in range; at the wrap one namespace goes first twice, which is harmless.
        assertThat(visited).containsExactly("a", "b", "b", "c");
    }
}
