package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shell helpers of {@code bin/}: Maven's output in logs has no colour codes, and a build shows which module it
 * is at and how long it has taken, instead of a minute of silence.
 */
class BinScriptsTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();

    @Test
    void maven_writes_no_colour_codes_to_a_pipe() throws Exception {
        String output = bash(". bin/java-env.sh && tasker_find_java && tasker_maven_env && mvn -B -v 2>&1");

        assertThat(output).contains("Apache Maven").doesNotContain("\u001b");
    }

    @Test
    void the_environment_keeps_what_the_caller_set_in_maven_opts() throws Exception {
        String options = bash("export MAVEN_OPTS=-Xmx512m; . bin/java-env.sh && tasker_find_java >/dev/null"
                + " && tasker_maven_env && tasker_maven_env && echo \"$MAVEN_OPTS\"");

        assertThat(options).contains("-Xmx512m").contains("-Djansi.noreset=true");
        assertThat(options.split("jansi.noreset", -1)).as("set once, however often it is called").hasSize(2);
    }

    @Test
    void build_progress_names_each_module_as_it_starts() throws Exception {
        String maven = String.join("\\n",
                "[INFO] Scanning for projects...",
                "[INFO] ----------------------< io.tasker:tasker-core >-----------------------",
                "[INFO] Building Tasker core 0.1.0-SNAPSHOT                                [2/5]",
                "[INFO] --------------------------------[ jar ]---------------------------------",
                "[INFO] Building Tasker CLI 0.1.0-SNAPSHOT                                 [5/5]",
                "[INFO] BUILD SUCCESS");

        String progress = bash(". bin/java-env.sh && printf '" + maven + "\\n' | tasker_build_progress $SECONDS");

        assertThat(progress.lines().map(line -> line.replaceAll("\\(\\d+ s\\)", "(N s)")))
                .containsExactly("  [2/5] Tasker core (N s)", "  [5/5] Tasker CLI (N s)");
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
