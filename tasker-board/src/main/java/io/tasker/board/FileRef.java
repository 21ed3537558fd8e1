package io.tasker.board;

import io.tasker.InvalidInputException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file a task works on, optionally a line range of it (no range means the whole file).
 *
 * @param context why the file matters
 */
public record FileRef(String path, OptionalInt lineStart, OptionalInt lineEnd, Optional<String> context) {

    private static final Pattern SPEC = Pattern.compile("(.+?)(?::(\\d{1,9})(?:-(\\d{1,9}))?)?");

    public FileRef {
        if (path == null || path.isBlank() || path.length() > 1000 || path.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("file: a path is 1 to 1000 characters without control characters");
        }
        if (lineEnd.isPresent() && lineStart.isEmpty()) {
            throw new InvalidInputException("file " + path + ": a range needs its first line");
        }
        if (lineStart.isPresent() && lineStart.getAsInt() < 1) {
            throw new InvalidInputException("file " + path + ": lines count from 1");
        }
        if (lineEnd.isPresent() && lineEnd.getAsInt() < lineStart.getAsInt()) {
            throw new InvalidInputException("file " + path + ": the range " + lineStart.getAsInt() + "-"
                    + lineEnd.getAsInt() + " ends before it starts");
        }
        context = context.filter(c -> !c.isBlank());
    }

    /** {@code src/A.java}, {@code src/A.java:10} or {@code src/A.java:10-40}. */
    public static FileRef parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.strip());
        if (!m.matches()) {
            throw new InvalidInputException("file: expected PATH, PATH:LINE or PATH:FIRST-LAST, got '" + spec + "'");
        }
        OptionalInt start = m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
        OptionalInt end = m.group(3) != null ? OptionalInt.of(Integer.parseInt(m.group(3))) : start;
        return new FileRef(m.group(1), start, end, Optional.empty());
    }

    /** The same reference, written back as {@code path[:first[-last]]}. */
    public String spec() {
        if (lineStart.isEmpty()) {
            return path;
        }
        int first = lineStart.getAsInt();
        int last = lineEnd.orElse(first);
        return path + ":" + first + (last == first ? "" : "-" + last);
    }

    public FileRef withContext(Optional<String> why) {
        return new FileRef(path, lineStart, lineEnd, why);
    }
}
