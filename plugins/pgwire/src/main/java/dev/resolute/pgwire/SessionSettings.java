package dev.resolute.pgwire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run-time parameters of one session: what {@code SHOW} answers, what {@code SET} changes, and which of them
 * are reported to the client in ParameterStatus (at start-up and when they change), as drivers expect.
 */
final class SessionSettings {
    /** A version psql, libpq, pgjdbc and psycopg parse (they read the leading numbers, as with "14.5 (Debian …)"). */
    static final String SERVER_VERSION = "14.0 (Resolute)";

    /** Postgres reports these (GUC_REPORT); the others only answer SHOW. */
    private static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding", "application_name",
            "datestyle", "intervalstyle", "timezone", "integer_datetimes", "standard_conforming_strings", "is_superuser",
            "session_authorization", "default_transaction_read_only", "in_hot_standby");

    private record Setting(String name, String value, String description) {
    }

    private final Map<String, Setting> defaults = new LinkedHashMap<>();
    private final Map<String, Setting> values = new LinkedHashMap<>();

    SessionSettings(String user, String applicationName) {
        define("application_name", applicationName, "Sets the application name to be reported in statistics and logs.");
        define("client_encoding", "UTF8", "Sets the client's character set encoding (only UTF8).");
        define("DateStyle", "ISO, MDY", "Sets the display format for date and time values.");
        define("default_transaction_isolation", "read committed", "Sets the transaction isolation level of each new transaction.");
        define("default_transaction_read_only", "on", "Every transaction is read-only: the introspection tables cannot be written.");
        define("extra_float_digits", "1", "Sets the number of digits displayed for floating-point values.");
        define("in_hot_standby", "off", "Shows whether hot standby is currently active.");
        define("integer_datetimes", "on", "Shows whether datetimes are integer based.");
        define("IntervalStyle", "postgres", "Sets the display format for interval values.");
        define("is_superuser", "off", "Shows whether the current user is a superuser.");
        define("max_identifier_length", "63", "Shows the maximum identifier length.");
        define("search_path", "public", "Sets the schema search order for names that are not schema-qualified.");
        define("server_encoding", "UTF8", "Shows the server (database) character set encoding.");
        define("server_version", SERVER_VERSION, "Shows the server version.");
        define("server_version_num", "140000", "Shows the server version as an integer.");
        define("session_authorization", user, "Sets the session user name.");
        define("standard_conforming_strings", "on", "Causes '...' strings to treat backslashes literally.");
        define("statement_timeout", "0", "Sets the maximum allowed duration of any statement.");
        define("TimeZone", "UTC", "Sets the time zone for displaying and interpreting time stamps (values are printed in UTC).");
        define("transaction_isolation", "read committed", "Sets the current transaction's isolation level.");
        define("transaction_read_only", "on", "Every transaction is read-only.");
    }

    private void define(String name, String value, String description) {
        Setting setting = new Setting(name, value, description);
        defaults.put(key(name), setting);
        values.put(key(name), setting);
    }

    /** The parameters reported at start-up, with their values. */
    Map<String, String> reported() {
        Map<String, String> reported = new LinkedHashMap<>();
        values.values().stream().filter(s -> REPORTED.contains(key(s.name()))).forEach(s -> reported.put(s.name(), s.value()));
        return reported;
    }

    /** The parameter's display name and value. @throws PgError 42704 if it is unknown */
    Map.Entry<String, String> show(String name) {
        Setting setting = values.get(key(name));
        if (setting == null) {
            throw new PgError(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return Map.entry(setting.name(), setting.value());
    }

    /** {@code SHOW ALL}: name, setting, description of every parameter. */
    List<Object[]> all() {
        List<Object[]> rows = new ArrayList<>();
        values.values().stream().sorted((a, b) -> key(a.name()).compareTo(key(b.name())))
                .forEach(s -> rows.add(new Object[] {s.name(), s.value(), s.description()}));
        return rows;
    }

    /**
     * Sets a parameter ({@code null}: back to its default) and returns the ParameterStatus to send if the parameter
     * is reported. Unknown names are accepted, as Postgres accepts custom ones, so clients' session set-up never fails;
     * values that would change how this endpoint encodes data are refused.
     */
    Optional<Map.Entry<String, String>> set(String name, String value) {
        String key = key(name);
        Setting current = values.get(key);
        Setting reset = defaults.get(key);
        String newValue = value != null ? value : reset != null ? reset.value() : "";
        if (key.equals("client_encoding") && !Set.of("utf8", "utf-8", "unicode").contains(newValue.toLowerCase(Locale.ROOT))) {
            throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "only the UTF8 client encoding is supported, not " + newValue);
        }
        if (key.equals("datestyle") && !newValue.toUpperCase(Locale.ROOT).startsWith("ISO")) {
            throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "only the ISO date style is supported, not " + newValue);
        }
        if (key.equals("client_encoding")) {
            newValue = "UTF8";
        }
        Setting updated = new Setting(current != null ? current.name() : name, newValue, current != null ? current.description() : "");
        values.put(key, updated);
        return REPORTED.contains(key) ? Optional.of(Map.entry(updated.name(), updated.value())) : Optional.empty();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
