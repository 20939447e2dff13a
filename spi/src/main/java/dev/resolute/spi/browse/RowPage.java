package dev.resolute.spi.browse;

import dev.resolute.spi.query.TableColumn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of rows, in the order the call defines, and where the next page starts.
 *
 * @param columns    the columns, in the order each row holds its values (values have the Java class of the column's
 *                   {@link dev.resolute.spi.query.SqlType}, or are null)
 * @param rows       the rows of this page (at most the limit asked for; fewer, even none, when the scan budget ran out)
 * @param nextCursor where the next page starts (opaque, pass it back unchanged); empty once nothing follows
 * @param scanned    how many stored rows were read to make this page (filters that match rarely read many)
 */
public record RowPage(List<TableColumn> columns, List<Object[]> rows, Optional<String> nextCursor, long scanned) {
    public RowPage {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
