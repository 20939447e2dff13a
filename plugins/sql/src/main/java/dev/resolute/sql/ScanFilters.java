package dev.resolute.sql;

import com.google.common.collect.Range;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Reads the equalities a table can use out of the filter conjuncts Calcite pushes to a scan: {@code col = literal}
 * (either side), {@code col IN (…)} (Calcite's {@code SEARCH} over points, or an {@code OR} of equalities on one
 * column), and the exclusions: {@code col <> literal} and {@code col NOT IN (…)} (a {@code SEARCH} over everything
 * but some points). Anything else is left to Calcite alone.
 */
final class ScanFilters {
    private ScanFilters() {
    }

    static ScanFilter from(List<RexNode> conjuncts, List<TableColumn> columns) {
        Map<String, List<Object>> anyOf = new LinkedHashMap<>();
        Map<String, List<Object>> noneOf = new LinkedHashMap<>();
        for (RexNode conjunct : RexUtil.flattenAnd(conjuncts)) { // the interpreter may hand over one AND
            equalities(conjunct, columns).ifPresent(found -> anyOf.merge(found.column(), found.values(), ScanFilters::intersect));
            exclusions(conjunct, columns).ifPresent(found -> noneOf.merge(found.column(), found.values(), ScanFilters::union));
        }
        anyOf.values().removeIf(List::isEmpty);
        return anyOf.isEmpty() && noneOf.isEmpty() ? ScanFilter.ALL : new ScanFilter(anyOf, noneOf);
    }

    /** {@code col <> literal}, or a {@code SEARCH} that allows everything but some points ({@code NOT IN}). */
    private static Optional<Equality> exclusions(RexNode node, List<TableColumn> columns) {
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
            return Optional.empty();
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (call.getKind() == SqlKind.NOT_EQUALS) {
            return columnIsLiteral(call, columns);
        } else if (call.getKind() == SqlKind.SEARCH && left instanceof RexInputRef ref && right instanceof RexLiteral literal) {
            Sarg<?> sarg = literal.getValueAs(Sarg.class);
            if (sarg != null && sarg.isComplementedPoints()) {
                return points(columns.get(ref.getIndex()), sarg.rangeSet.complement().asRanges());
            }
        }
        return Optional.empty();
    }

    private record Equality(String column, List<Object> values) {
    }

    private static Optional<Equality> equalities(RexNode node, List<TableColumn> columns) {
        if (!(node instanceof RexCall call)) {
            return Optional.empty();
        }
        switch (call.getKind()) {
            case EQUALS -> {
                return columnIsLiteral(call, columns);
            }
            case SEARCH -> {
                if (call.getOperands().get(0) instanceof RexInputRef ref && call.getOperands().get(1) instanceof RexLiteral literal) {
                    Sarg<?> sarg = literal.getValueAs(Sarg.class);
                    if (sarg == null || !sarg.isPoints()) {
                        return Optional.empty();
                    }
                    return points(columns.get(ref.getIndex()), sarg.rangeSet.asRanges());
                }
                return Optional.empty();
            }
            case OR -> {
                String name = null;
                List<Object> values = new ArrayList<>();
                for (RexNode operand : call.getOperands()) {
                    Optional<Equality> one = equalities(operand, columns);
                    if (one.isEmpty() || (name != null && !name.equals(one.get().column()))) {
                        return Optional.empty();
                    }
                    name = one.get().column();
                    values.addAll(one.get().values());
                }
                return name == null ? Optional.empty() : Optional.of(new Equality(name, values));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The values of point ranges (each {@code [v..v]}) as the column's Java class; empty if one cannot be used. */
    private static Optional<Equality> points(TableColumn column, Set<? extends Range<?>> ranges) {
        List<Object> values = new ArrayList<>();
        for (Range<?> range : ranges) {
            Optional<Object> v = value(column.type(), range.lowerEndpoint());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            values.add(v.get());
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(new Equality(column.name(), values));
    }

    /** {@code col op literal} or {@code literal op col}: the column and the literal's value. */
    private static Optional<Equality> columnIsLiteral(RexCall call, List<TableColumn> columns) {
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (left instanceof RexLiteral) {
            RexNode swap = left;
            left = right;
            right = swap;
        }
        if (left instanceof RexInputRef ref && right instanceof RexLiteral literal) {
            TableColumn column = columns.get(ref.getIndex());
            return value(column.type(), literal.getValue()).map(v -> new Equality(column.name(), List.of(v)));
        }
        return Optional.empty();
    }

    /** The literal as the column's Java class, if the column is of a type a table can use for narrowing. */
    private static Optional<Object> value(SqlType type, Object literal) {
        Object v = literal instanceof NlsString s ? s.getValue() : literal;
        return Optional.ofNullable(switch (type) {
            case UTF8 -> v instanceof String s ? s : null;
            case BOOLEAN -> v instanceof Boolean b ? b : null;
            case UINT32, UINT64, INT64 -> v instanceof BigDecimal d && d.scale() <= 0 ? d.longValue() : null;
            case TIMESTAMP -> v instanceof TimestampString t ? Instant.ofEpochMilli(t.getMillisSinceEpoch()) : null;
            default -> null;
        });
    }

    private static List<Object> union(List<Object> a, List<Object> b) {
        List<Object> either = new ArrayList<>(a);
        b.stream().filter(v -> !either.contains(v)).forEach(either::add);
        return either;
    }

    private static List<Object> intersect(List<Object> a, List<Object> b) {
        List<Object> both = new ArrayList<>(a);
        both.retainAll(b);
        return both;
    }
}
