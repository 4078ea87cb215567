package io.github.twostep.internal.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Table and column names from the settings, made safe for SQL text: each must be a plain
 * identifier (a table may be {@code schema.table}), and is written folded the way the database
 * folds unquoted names and then quoted. Values never go into SQL text: they are parameters.
 */
public final class SqlNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");

    private final UnaryOperator<String> name;

    private SqlNames(UnaryOperator<String> name) {
        this.name = name;
    }

    /** The quoting rules of the database behind {@code meta}. */
    public static SqlNames of(DatabaseMetaData meta) throws SQLException {
        String quote = meta.getIdentifierQuoteString();
        String q = quote == null || quote.isBlank() ? "" : quote.strip();
        UnaryOperator<String> fold = meta.storesUpperCaseIdentifiers() ? s -> s.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? s -> s.toLowerCase(Locale.ROOT) : s -> s;
        return new SqlNames(s -> q + fold.apply(s) + q);
    }

    /** {@code table} (checked already) as SQL text. */
    public String table(String table) {
        return String.join(".", Arrays.stream(table.split("\\.")).map(name).toList());
    }

    /** {@code column} (checked already) as SQL text. */
    public String column(String column) {
        return name.apply(column);
    }

    /**
     * Checks a table name.
     *
     * @throws IllegalArgumentException naming {@code what} if it is not {@code name} or {@code schema.name}
     */
    public static String checkTable(String table, String what) {
        return check(TABLE, table, what);
    }

    /**
     * Checks a column name.
     *
     * @throws IllegalArgumentException naming {@code what} if it is not a plain SQL identifier
     */
    public static String checkColumn(String column, String what) {
        return check(IDENTIFIER, column, what);
    }

    private static String check(Pattern pattern, String name, String what) {
        Objects.requireNonNull(name, what);
        if (!pattern.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain SQL identifier (" + pattern.pattern() + ")");
        }
        return name;
    }
}
