package io.tasker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link MemoryProbe} in a child JVM with the benchmark's class path and returns its figures. */
final class MemoryScenario {

    private MemoryScenario() {
    }

    static Map<String, Double> run(String jdbcUrl, BenchOptions options, int holdSeconds) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + options.memoryHeap(), "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(), jdbcUrl,
                Integer.toString(options.memoryTasks()), Integer.toString(options.workers()),
                Integer.toString(options.pool()), Integer.toString(holdSeconds));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                }
            }
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the memory probe failed (exit "
                        + (process.isAlive() ? "timeout" : process.exitValue()) + "); see its output above");
            }
            Map<String, Double> figures = new HashMap<>();
            for (String pair : result.substring("RESULT ".length()).split(" ")) {
                String[] kv = pair.split("=");
                figures.put(kv[0], Double.parseDouble(kv[1]));
            }
            return figures;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the memory probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
