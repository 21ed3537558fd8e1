package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The log format of the {@code tasker} command: a handler's log lines carry its task and correlation ids. */
class LogPatternTest {

    @Test
    void lines_logged_inside_a_handler_end_with_its_ids_and_other_lines_with_the_message() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(TaskerCli.class.getResource("/logback.xml"));
            org.slf4j.Logger log = LoggerFactory.getLogger("io.tasker.example.Handler");
            log.info("outside any step");
            MDC.put("task_uuid", "t-1");
            MDC.put("correlation_id", "c-1");
            MDC.put("parent_correlation_id", "p-1");
            try {
                log.info("charging the card");
            } finally {
                MDC.clear();
            }
        } finally {
            System.setErr(stderr);
            context.reset();
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("Handler - ")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("Handler - outside any step");
        assertThat(lines.get(1)).contains("Handler - charging the card {").contains("task_uuid=t-1")
                .contains("correlation_id=c-1").contains("parent_correlation_id=p-1").endsWith("}");
    }
}
