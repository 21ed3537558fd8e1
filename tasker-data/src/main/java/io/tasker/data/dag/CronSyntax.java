package io.tasker.data.dag;

import java.util.regex.Pattern;

/**
 * Checks the form of a five-field cron expression (minute, hour, day of month, month, day of week: numbers in
 * range, {@code *}, ranges, steps, lists, month and day names). Only the check: the schedule is fired by the
 * engine's one cron ({@code io.tasker.schedule}, issue 17), which replaces this check when it lands.
 */
public final class CronSyntax {

    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Pattern NAMES = Pattern.compile("(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
            + "|sun|mon|tue|wed|thu|fri|sat");
    private static final Pattern PART = Pattern.compile("(\\*|[0-9a-zA-Z]+(-[0-9a-zA-Z]+)?)(/[0-9]+)?");

    private CronSyntax() {
    }

    public static boolean valid(String expression) {
        if (expression == null) {
            return false;
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int f = 0; f < 5; f++) {
            for (String part : fields[f].split(",", -1)) {
                if (!PART.matcher(part).matches() || !inRange(part, RANGES[f])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inRange(String part, int[] range) {
        String body = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
        if (part.contains("/") && Integer.parseInt(part.substring(part.indexOf('/') + 1)) < 1) {
            return false;
        }
        if (body.equals("*")) {
            return true;
        }
        for (String value : body.split("-")) {
            if (NAMES.matcher(value).matches()) {
                continue;
            }
            if (!value.matches("[0-9]{1,2}")) {
                return false;
            }
            int n = Integer.parseInt(value);
            if (n < range[0] || n > range[1]) {
                return false;
            }
        }
        return true;
    }
}
