package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.board.testing.BoardKit;
import io.tasker.testing.DatabaseTest;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** File references ({@code --file src/A.java:10-40}) and the in-progress tasks whose ranges overlap. */
@DatabaseTest
class FileRefsTest {

    @Test
    void a_reference_is_a_path_with_an_optional_line_or_range() {
        assertThat(FileRef.parse("src/A.java:10-40")).satisfies(ref -> {
            assertThat(ref.path()).isEqualTo("src/A.java");
            assertThat(ref.lineStart()).isEqualTo(OptionalInt.of(10));
            assertThat(ref.lineEnd()).isEqualTo(OptionalInt.of(40));
        });
        assertThat(FileRef.parse("src/A.java:7").spec()).isEqualTo("src/A.java:7");
        assertThat(FileRef.parse("C:/x/B.java").spec()).isEqualTo("C:/x/B.java");
        assertThat(FileRef.parse("README.md").lineStart()).isEmpty();
        assertThatThrownBy(() -> FileRef.parse("src/A.java:40-10")).isInstanceOf(InvalidInputException.class)
                .hasMessage("file src/A.java: the range 40-10 ends before it starts");
        assertThatThrownBy(() -> FileRef.parse("src/A.java:0")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void conflicts_are_in_progress_tasks_whose_ranges_of_the_same_file_overlap(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask mine = kit.board.tasks().create(ann, NewTask.titled("Refactor A")
                .withFiles(FileRef.parse("src/A.java:10-40"), FileRef.parse("src/B.java")));
        BoardTask overlapping = kit.board.tasks().create(bob, NewTask.titled("Fix A")
                .withFiles(FileRef.parse("src/A.java:35-50")));
        BoardTask apart = kit.board.tasks().create(bob, NewTask.titled("Other part of A")
                .withFiles(FileRef.parse("src/A.java:41-60")));
        BoardTask wholeFile = kit.board.tasks().create(bob, NewTask.titled("Rewrite B")
                .withFiles(FileRef.parse("src/B.java:100")));
        BoardTask notStarted = kit.board.tasks().create(bob, NewTask.titled("Later A")
                .withFiles(FileRef.parse("src/A.java:1-100")));
        for (BoardTask task : new BoardTask[] {overlapping, apart, wholeFile}) {
            kit.board.claims().claim(bob, task.id(), Claims.DEFAULT_TTL);
        }

        assertThat(kit.board.files().conflicts(ann.orgId(), mine.id()))
                .extracting(c -> c.taskId() + " " + c.theirs().spec() + " vs " + c.ours().spec())
                .containsExactlyInAnyOrder(
                        overlapping.id() + " src/A.java:35-50 vs src/A.java:10-40",
                        wholeFile.id() + " src/B.java:100 vs src/B.java")
                .doesNotContain(apart.id(), notStarted.id());
        assertThat(kit.board.tasks().detail(ann.orgId(), mine.id()).files()).extracting(FileRef::spec)
                .containsExactly("src/A.java:10-40", "src/B.java");
    }
}
