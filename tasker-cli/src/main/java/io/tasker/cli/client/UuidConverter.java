package io.tasker.cli.client;

import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a UUID argument in its canonical 36-character form, with a short message for anything else. */
final class UuidConverter implements CommandLine.ITypeConverter<UUID> {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public UUID convert(String value) {
        if (!CANONICAL.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a UUID");
        }
        return UUID.fromString(value);
    }
}
