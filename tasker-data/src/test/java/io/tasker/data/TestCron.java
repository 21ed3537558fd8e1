package io.tasker.data;

/** Stands in for the engine's cron in tests that deploy no cron source. */
final class TestCron {

    private TestCron() {
    }

    static boolean valid(String expression) {
        return expression.trim().split("\\s+").length == 5;
    }
}
