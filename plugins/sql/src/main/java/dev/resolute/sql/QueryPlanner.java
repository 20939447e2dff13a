package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.ValidationException;

/**
 * Plans one query with Calcite: rewrites the DataFusion dialect ({@link DialectRewriter}), parses, validates
 * against the tables (catalog {@code restate}, schema {@code public}, plus {@code information_schema.columns}),
 * optimizes to Calcite's generated-code (enumerable) operators — filters reach each table's scan
 * ({@link ScannedTable}) — adds the memory accounting of blocking operators ({@link MemoryAccounting}) and binds the
 * plan to the query's {@link QueryContext}. Every failure is a {@link QueryException} that points at the user's text.
 */
final class QueryPlanner {
    /** What a planned query returns: its columns and its rows, produced as they are read. */
    record Planned(List<TableColumn> columns, Enumerable<Object> rows) {
    }

    private static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);
    private static final SqlParserImpl RESERVED = (SqlParserImpl) SqlParserImpl.FACTORY.getParser(new StringReader(""));
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "upsert", "create", "drop", "alter",
            "truncate", "grant", "revoke", "set", "reset", "begin", "commit", "rollback", "copy", "call", "explain");
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("(Object|Table) '([^']+)' not found");
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found");

    private QueryPlanner() {
    }

    static Planned plan(String sql, List<IntrospectedTable> tables, QueryContext query) {
        String first = sql.strip().split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT);
        if (WRITES.contains(first)) {
            throw new QueryException(QueryException.Kind.UNSUPPORTED, "Only queries (SELECT, WITH, VALUES) run here: "
                    + first.toUpperCase(Locale.ROOT) + " is not supported, the introspection tables are read-only");
        }
        sql = sql.strip().replaceAll("[;\\s]+$", ""); // the CLI ends some queries with " ;"
        Set<String> columnNames = tables.stream().flatMap(t -> t.columns().stream()).map(TableColumn::name).collect(Collectors.toSet());
        DialectRewriter rewritten = DialectRewriter.rewrite(sql, columnNames::contains, word -> RESERVED.getMetadata().isReservedWord(word));
        SchemaPlus root = Frameworks.createRootSchema(false);
        SchemaPlus catalog = root.add("restate", new AbstractSchema());
        SchemaPlus schema = catalog.add("public", new AbstractSchema());
        tables.forEach(t -> schema.add(t.name(), new ScannedTable(t)));
        root.add("information_schema", new AbstractSchema()).add("columns", new ScannedTable(InformationSchema.columns(tables)));
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .parserConfig(PARSER)
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT).withIdentifierExpansion(true))
                .defaultSchema(schema)
                .programs(Programs.standard())
                .build();
        Planner planner = Frameworks.getPlanner(config);
        try {
            SqlNode parsed = planner.parse(rewritten.sql());
            if (!parsed.isA(SqlKind.QUERY)) {
                throw new QueryException(QueryException.Kind.UNSUPPORTED, "Only queries (SELECT, WITH, VALUES) run here, not " + parsed.getKind());
            }
            DerivedTableAliases.add(parsed);
            RelRoot relRoot = planner.rel(planner.validate(parsed));
            RelNode logical = relRoot.project();
            List<TableColumn> columns = columns(logical);
            RelNode physical = planner.transform(0, logical.getTraitSet().replace(EnumerableConvention.INSTANCE), logical);
            Map<String, Object> stashed = new HashMap<>(); // what the generated code reads back from the context (interpreted parts)
            Bindable<?> bindable = EnumerableInterpretable.toBindable(stashed, null,
                    (EnumerableRel) MemoryAccounting.around(listRowsOfZeroColumnScans(physical)), EnumerableRel.Prefer.ARRAY);
            @SuppressWarnings("unchecked")
            Enumerable<Object> rows = (Enumerable<Object>) bindable.bind(dataContext(root, (JavaTypeFactory) planner.getTypeFactory(), query, stashed));
            return new Planned(columns, rows);
        } catch (SqlParseException e) {
            throw invalid("SQL syntax error: " + firstLines(e.getMessage()), rewritten, tables, sql);
        } catch (ValidationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw invalid(cause.getMessage(), rewritten, tables, sql);
        } catch (QueryException e) {
            throw e;
        } catch (Exception e) {
            throw new QueryException(QueryException.Kind.INVALID, "Cannot plan the query: " + rewritePositions(String.valueOf(e.getMessage()), rewritten), e);
        } finally {
            planner.close();
        }
    }

    /**
     * Calcite declares the rows of a scan that reads no column (the CLI's {@code COUNT(1) FROM (SELECT * … LIMIT n)})
     * as lists, while its interpreter yields arrays, and the aggregate above fails casting them; a Calc of no column
     * over such a scan makes the rows the lists they are declared as.
     */
    private static RelNode listRowsOfZeroColumnScans(RelNode node) {
        List<RelNode> inputs = node.getInputs().stream().map(QueryPlanner::listRowsOfZeroColumnScans).toList();
        RelNode copy = inputs.equals(node.getInputs()) ? node : node.copy(node.getTraitSet(), inputs);
        if (copy instanceof EnumerableInterpreter && copy.getRowType().getFieldCount() == 0) {
            return EnumerableCalc.create(copy, RexProgram.createIdentity(copy.getRowType()));
        }
        return copy;
    }

    /** Result columns: a column taken straight from a table keeps its type (u64, u32), a computed one gets its SQL type's. */
    private static List<TableColumn> columns(RelNode logical) {
        RelMetadataQuery mq = logical.getCluster().getMetadataQuery();
        List<TableColumn> columns = new ArrayList<>();
        List<RelDataTypeField> fields = logical.getRowType().getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            SqlType type = SqlValues.resultType(fields.get(i).getType());
            RelColumnOrigin origin = mq.getColumnOrigin(logical, i);
            ScannedTable table = origin == null || origin.isDerived() ? null : origin.getOriginTable().unwrap(ScannedTable.class);
            if (table != null) {
                type = table.table().columns().get(origin.getOriginColumnOrdinal()).type();
            }
            columns.add(new TableColumn(fields.get(i).getName(), type));
        }
        return columns;
    }

    private static DataContext dataContext(SchemaPlus root, JavaTypeFactory types, QueryContext query, Map<String, Object> stashed) {
        long now = System.currentTimeMillis();
        TimeZone utc = TimeZone.getTimeZone("UTC");
        return new DataContext() {
            @Override
            public SchemaPlus getRootSchema() {
                return root;
            }

            @Override
            public JavaTypeFactory getTypeFactory() {
                return types;
            }

            @Override
            public QueryProvider getQueryProvider() {
                return null;
            }

            @Override
            public Object get(String name) {
                return switch (name) {
                    case QueryContext.VARIABLE -> query;
                    case "utcTimestamp", "currentTimestamp", "localTimestamp" -> now;
                    case "timeZone" -> utc;
                    case "cancelFlag" -> new AtomicBoolean();
                    default -> stashed.get(name);
                };
            }
        };
    }

    /** An INVALID error in the user's terms: positions in their text, and what exists when a table or column does not. */
    private static QueryException invalid(String message, DialectRewriter rewritten, List<IntrospectedTable> tables, String sql) {
        StringBuilder text = new StringBuilder(rewritePositions(message, rewritten));
        var table = UNKNOWN_TABLE.matcher(message);
        var column = UNKNOWN_COLUMN.matcher(message);
        if (table.find()) {
            text.append(". The tables are: ").append(tables.stream().map(IntrospectedTable::name).sorted().collect(Collectors.joining(", ")))
                    .append(", information_schema.columns");
        } else if (column.find()) {
            String lower = sql.toLowerCase(Locale.ROOT);
            tables.stream().filter(t -> Pattern.compile("\\b" + Pattern.quote(t.name()) + "\\b").matcher(lower).find()).forEach(t -> text
                    .append(". Columns of ").append(t.name()).append(": ")
                    .append(t.columns().stream().map(TableColumn::name).collect(Collectors.joining(", "))));
        }
        return new QueryException(QueryException.Kind.INVALID, text.toString());
    }

    private static String rewritePositions(String message, DialectRewriter rewritten) {
        return POSITION.matcher(message).replaceAll(m -> {
            int[] at = rewritten.originalPosition(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return "line " + at[0] + ", column " + at[1];
        });
    }

    /** Calcite's parse errors list every token it expected; the first lines say what went wrong and where. */
    private static String firstLines(String message) {
        String[] lines = message.split("\n");
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < Math.min(lines.length, 6); i++) {
            out.append(' ').append(lines[i].strip());
        }
        return lines.length > 6 ? out + " ..." : out.toString();
    }
}
