package io.tasker.server.config;

/**
 * The settings table of {@code docs/configuration.md}, rendered from {@link SettingsCatalog} so the docs cannot
 * drift from the loader. The table sits between {@link #BEGIN} and {@link #END}.
 */
public final class SettingsDoc {

    public static final String BEGIN = "<!-- settings:begin (generated from SettingsCatalog) -->";
    public static final String END = "<!-- settings:end -->";

    private SettingsDoc() {
    }

    /** The Markdown table, one row per setting, including the markers. */
    public static String table() {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| YAML key | environment variable | flag | default | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting setting : SettingsCatalog.ALL) {
            out.append("| `").append(setting.key()).append("` | `").append(setting.environment()).append("` | ")
                    .append(setting.flag().map(f -> "`" + f + "`").orElse("")).append(" | ")
                    .append(setting.defaultValue().isEmpty() ? "*(none)*" : "`" + setting.defaultValue() + "`")
                    .append(" | ").append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return out.append(END).toString();
    }

    /** {@code document} with its settings table replaced by the current one. */
    public static String refresh(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no settings markers");
        }
        return document.substring(0, begin) + table() + document.substring(end + END.length());
    }
}
