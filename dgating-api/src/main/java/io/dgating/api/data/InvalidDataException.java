package io.dgating.api.data;

/**
 * Input data that cannot be used, with where the problem is: file, line (1-based) and
 * column when known. The message names all three so a user can open the file and look.
 */
public final class InvalidDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** File or resource name. */
    private final String source;
    /** 1-based line, or 0 when the problem is not on one line. */
    private final long line;
    /** Column name or 1-based index, or null. */
    private final String column;

    /**
     * Creates the exception.
     *
     * @param source file or resource name
     * @param line 1-based line, or 0 when the problem is not on one line
     * @param column column name or 1-based index, or null
     * @param reason what is wrong
     */
    public InvalidDataException(String source, long line, String column, String reason) {
        super(format(source, line, column, reason));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, long line, String column, String reason) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column ").append(column);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** {@return the file or resource name} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line, or 0} */
    public long line() {
        return line;
    }

    /** {@return the column name or index, or null} */
    public String column() {
        return column;
    }
}
