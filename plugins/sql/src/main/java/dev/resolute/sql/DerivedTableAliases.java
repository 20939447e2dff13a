package dev.resolute.sql;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DataFusion lets a query name the columns of an unaliased sub-select in FROM by the alias used inside it; the CLI
 * relies on it ({@code SELECT COUNT(1) FROM (SELECT * FROM sys_invocation inv LIMIT 50000) WHERE inv.status …}).
 * This gives such a sub-select the alias of its own single aliased table, in place, before validation.
 */
final class DerivedTableAliases {
    private DerivedTableAliases() {
    }

    static void add(SqlNode query) {
        if (query instanceof SqlOrderBy orderBy) {
            add(orderBy.query);
        } else if (query instanceof SqlWith with) {
            with.withList.forEach(item -> add(((SqlWithItem) item).query));
            add(with.body);
        } else if (query instanceof SqlSelect select) {
            select.setFrom(fromItem(select.getFrom()));
        } else if (query instanceof SqlBasicCall call && call.isA(SqlKind.SET_QUERY)) {
            call.getOperandList().forEach(DerivedTableAliases::add);
        }
    }

    private static SqlNode fromItem(SqlNode from) {
        if (from instanceof SqlJoin join) {
            join.setLeft(fromItem(join.getLeft()));
            join.setRight(fromItem(join.getRight()));
            return join;
        }
        if (from != null && from.getKind() == SqlKind.AS) {
            add(((SqlCall) from).operand(0));
            return from;
        }
        if (from != null && from.isA(SqlKind.QUERY)) {
            add(from);
            String alias = innerAlias(from instanceof SqlOrderBy orderBy ? orderBy.query : from);
            return alias == null ? from : SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, from, new SqlIdentifier(alias, SqlParserPos.ZERO));
        }
        return from;
    }

    private static String innerAlias(SqlNode query) {
        if (query instanceof SqlSelect select && select.getFrom() != null && select.getFrom().getKind() == SqlKind.AS
                && ((SqlCall) select.getFrom()).operand(1) instanceof SqlIdentifier alias && alias.isSimple()) {
            return alias.getSimple();
        }
        return null;
    }
}
