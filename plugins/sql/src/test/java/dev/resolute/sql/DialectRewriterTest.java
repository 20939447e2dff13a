package dev.resolute.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token rewrites from DataFusion's dialect to Calcite's, and positions mapped back to the user's text. */
class DialectRewriterTest {
    private static final Set<String> COLUMNS = Set.of("key", "value", "index", "id", "created_at");
    private static final Set<String> RESERVED = Set.of("KEY", "VALUE", "INDEX", "ORDER", "SELECT", "FROM", "BY");

    private static DialectRewriter rewrite(String sql) {
        return DialectRewriter.rewrite(sql, COLUMNS::contains, RESERVED::contains);
    }

    @Test
    void rewritesOutsideLiteralsAndCommentsOnly() {
        assertThat(rewrite("select key from t where a == 'x == y' and b != \"c==d\" -- key == 1\n").sql())
                .isEqualTo("select \"key\" from t where a = 'x == y' and b <> \"c==d\" -- key == 1");
        assertThat(rewrite("SELECT CAST(NULL as STRING) AS s, 'it''s a string' AS t").sql())
                .isEqualTo("SELECT CAST(NULL as VARCHAR) AS s, 'it''s a string' AS t");
    }

    @Test
    void firstValueAsAnAggregate() {
        assertThat(rewrite("FIRST_VALUE(id ORDER BY created_at ASC)").sql()).isEqualTo("ARG_MIN(id , created_at )");
        assertThat(rewrite("first_value(id ORDER BY f(created_at, 1) DESC NULLS LAST)").sql()).isEqualTo("ARG_MAX(id , f(created_at, 1) )");
        assertThat(rewrite("first_value(key)").sql()).isEqualTo("ANY_VALUE(\"key\")");
        assertThat(rewrite("first_value(id) OVER (ORDER BY created_at)").sql()).as("the window function stays")
                .isEqualTo("first_value(id) OVER (ORDER BY created_at)");
    }

    @Test
    void reservedWordsAreQuotedOnlyWhereTheyNameAColumn() {
        assertThat(rewrite("select sj.index from j sj order by index desc").sql()).isEqualTo("select sj.\"index\" from j sj order by \"index\" desc");
    }

    @Test
    void positionsMapBackToTheUsersText() {
        DialectRewriter rewritten = rewrite("select key,\n value from t where a == 1 and oops");
        String sql = rewritten.sql(); // select "key",\n "value" from t where a = 1 and oops
        int line2 = sql.indexOf('\n') + 1;
        int oops = sql.indexOf("oops") - line2 + 1;
        assertThat(rewritten.originalPosition(2, oops)).containsExactly(2, " value from t where a == 1 and ".length() + 1);
        assertThat(rewritten.originalPosition(1, 8)).as("inside a quoted word: its start").containsExactly(1, 8);
    }
}
