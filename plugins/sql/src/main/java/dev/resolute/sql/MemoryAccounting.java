package dev.resolute.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.SetOp;

/**
 * Bounds a query's memory: Calcite's blocking operators (sort, aggregate, join, window, set operations) hold rows
 * in Java collections we cannot see into, so the physical plan gets a pass-through node in front of what each one
 * holds — the inputs of a sort, join, window or set operation, the output (its groups) of an aggregate — that adds
 * an estimate of every row's size to the query's {@link QueryContext}, which fails the query with
 * RESOURCES_EXHAUSTED once {@code admin.query-engine.memory-size} is passed. A streaming query (scan, filter,
 * project, limit) holds a row at a time and is not bounded by it. Public because Calcite's generated code, in
 * another package, calls {@link #account}.
 */
public final class MemoryAccounting extends SingleRel implements EnumerableRel {

    private MemoryAccounting(RelNode input) {
        super(input.getCluster(), input.getTraitSet(), input);
    }

    /** The plan with an accounting node in front of every row a blocking operator holds. */
    static RelNode around(RelNode node) {
        if (node instanceof EnumerableInterpreter) {
            return node; // its input is interpreted, not generated code
        }
        boolean holdsInputs = (node instanceof EnumerableSort && !(node instanceof EnumerableLimitSort))
                || node instanceof Join || node instanceof EnumerableWindow || node instanceof SetOp;
        List<RelNode> inputs = new ArrayList<>();
        for (RelNode input : node.getInputs()) {
            RelNode accounted = around(input);
            inputs.add(holdsInputs ? new MemoryAccounting(accounted) : accounted);
        }
        RelNode copy = inputs.equals(node.getInputs()) ? node : node.copy(node.getTraitSet(), inputs);
        return node instanceof EnumerableAggregateBase ? new MemoryAccounting(copy) : copy;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MemoryAccounting(sole(inputs));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        Expression rows = builder.append("rows", input.block);
        builder.add(Expressions.return_(null,
                Expressions.call(MemoryAccounting.class, "account", rows, implementor.getRootExpression())));
        return implementor.result(input.physType, builder.toBlock());
    }

    /** Called by the generated code (raw types: Janino compiles it and does not infer generics): {@code rows}, each counted as it passes. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Enumerable account(Enumerable rows, DataContext root) {
        QueryContext query = QueryContext.of(root);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object> enumerator() {
                Enumerator<Object> inner = rows.enumerator();
                return new Enumerator<>() {
                    @Override
                    public Object current() {
                        return inner.current();
                    }

                    @Override
                    public boolean moveNext() {
                        if (!inner.moveNext()) {
                            return false;
                        }
                        query.account(sizeOf(inner.current()));
                        return true;
                    }

                    @Override
                    public void reset() {
                        inner.reset();
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        };
    }

    /** A rough size of a row on the heap: object headers, references and payloads. */
    static long sizeOf(Object value) {
        if (value == null) {
            return 8;
        }
        if (value instanceof Object[] row) {
            long size = 16 + 8L * row.length;
            for (Object v : row) {
                size += sizeOf(v);
            }
            return size;
        }
        if (value instanceof String s) {
            return 40 + s.length();
        }
        if (value instanceof ByteString b) {
            return 32 + b.length();
        }
        if (value instanceof List<?> list) {
            long size = 40 + 8L * list.size();
            for (Object v : list) {
                size += sizeOf(v);
            }
            return size;
        }
        return 16;
    }
}
