package io.tasker.template;

import java.util.Comparator;

/**
 * Orders template versions the way people read them: dot-separated parts, numeric parts compared as numbers
 * ({@code 1.10.0} after {@code 1.9.2}), other parts as text.
 */
public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {
    }

    @Override
    public int compare(String left, String right) {
        String[] a = left.split("[.+\\-]");
        String[] b = right.split("[.+\\-]");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = comparePart(a[i], b[i]);
            if (order != 0) {
                return order;
            }
        }
        return a.length != b.length ? Integer.compare(a.length, b.length) : left.compareTo(right);
    }

    private static int comparePart(String a, String b) {
        boolean numericA = !a.isEmpty() && a.chars().allMatch(Character::isDigit) && a.length() < 19;
        boolean numericB = !b.isEmpty() && b.chars().allMatch(Character::isDigit) && b.length() < 19;
        if (numericA && numericB) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (numericA != numericB) {
            return numericA ? 1 : -1;
        }
        return a.compareTo(b);
    }
}
