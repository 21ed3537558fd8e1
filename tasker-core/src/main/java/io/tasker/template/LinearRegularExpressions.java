package io.tasker.template;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Regular expressions of {@code input_schema} ({@code pattern}, {@code patternProperties}) run by RE2/J, whose
 * matching time grows linearly with the input: a pattern such as {@code (.*a){25}} cannot make one request cost
 * seconds of CPU per 80 characters as it does with backtracking engines. RE2 syntax has no backreferences and no
 * lookaround; a pattern that uses them is refused when the template is registered. Linear can still be slow for a
 * large pattern on a megabyte of context, so one validation also has a time budget ({@link #withinBudget}).
 */
final class LinearRegularExpressions implements RegularExpressionFactory {

    static final LinearRegularExpressions INSTANCE = new LinearRegularExpressions();
    /** Time all pattern matches of one validation may take together. */
    static final Duration BUDGET = Duration.ofSeconds(2);

    /** Thrown when the budget is spent. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("pattern matching took longer than " + BUDGET.toSeconds() + " s", null, false, false);
        }
    }

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private LinearRegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern '" + regex + "' is not a regular expression Tasker can run "
                    + "(RE2 syntax, without backreferences or lookaround): " + e.getDescription());
        }
        // JSON Schema patterns are not anchored: they match anywhere in the value.
        return value -> pattern.matcher(new Budgeted(value)).find();
    }

    /** Runs a validation whose pattern matches together may take {@link #BUDGET}. */
    static <T> T withinBudget(Supplier<T> validation) {
        DEADLINE.set(System.nanoTime() + BUDGET.toNanos());
        try {
            return validation.get();
        } finally {
            DEADLINE.remove();
        }
    }

    /** The matched text; RE2/J reads it position by position, so every few thousand the clock is looked at. */
    private record Budgeted(String text) implements CharSequence {
        @Override
        public char charAt(int index) {
            if ((index & 0xFFF) == 0) {
                Long deadline = DEADLINE.get();
                if (deadline != null && System.nanoTime() > deadline) {
                    throw new BudgetExceeded();
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
