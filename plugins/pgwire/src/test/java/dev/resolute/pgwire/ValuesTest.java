package dev.resolute.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;

/** The value formats: what Postgres prints, read back as Postgres' own parsers read them. */
class ValuesTest {

    @Property
    void float8TextReadsBackAsTheSameDouble(@ForAll double value) {
        String text = TextValues.float8(value);
        assertThat(Double.compare(Double.parseDouble(text), value)).as(text).isZero();
    }

    @Example
    void float8SwitchesToAnExponentWherePostgresDoes() {
        assertThat(TextValues.float8(0.5)).isEqualTo("0.5");
        assertThat(TextValues.float8(100.0)).isEqualTo("100");
        assertThat(TextValues.float8(1e15)).isEqualTo("1e+15");
        assertThat(TextValues.float8(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(TextValues.float8(Double.NaN)).isEqualTo("NaN");
    }

    @Property
    void timestampTextAndBinaryAgree(@ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        String text = TextValues.timestamp(instant);
        DateTimeFormatter postgres = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]");
        assertThat(LocalDateTime.parse(text.substring(0, text.length() - 3), postgres).toInstant(ZoneOffset.UTC)).isEqualTo(instant);
        assertThat(text).endsWith("+00");
        assertThat(Literals.literal(Literals.TIMESTAMPTZ, true, PgType.TIMESTAMPTZ.binary(instant))).isEqualTo("'" + text + "'");
    }

    @Example
    void intervalsPrintAsPostgresDoes() {
        assertThat(TextValues.interval(Duration.ofMillis(93_784_500))).isEqualTo("1 day 02:03:04.5");
        assertThat(TextValues.interval(Duration.ofMillis(-93_784_500))).isEqualTo("-1 days -02:03:04.5");
        assertThat(TextValues.interval(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(TextValues.interval(Duration.ofMillis(250))).isEqualTo("00:00:00.25");
        assertThat(TextValues.interval(Duration.ZERO)).isEqualTo("00:00:00");
        assertThat(TextValues.interval(Duration.ofHours(-1))).isEqualTo("-01:00:00");
    }

    @Property
    void unsignedNumericBinaryDecodesToTheSameNumber(@ForAll long bits) {
        String expected = Long.toUnsignedString(bits);
        assertThat(Literals.literal(Literals.NUMERIC, true, BinaryValues.numeric(new BigInteger(expected)))).isEqualTo(expected);
        assertThat(new String(PgType.NUMERIC.text(bits), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Property
    void textArraysParseBackElementForElement(@ForAll("elements") List<String> elements) {
        assertThat(parseArray(TextValues.array(elements))).isEqualTo(elements);
    }

    @Provide
    Arbitrary<List<String>> elements() {
        Arbitrary<String> element = Arbitraries.oneOf(Arbitraries.strings().withChars("{}\",\\ aNUL\t'x"), Arbitraries.strings().all().ofMaxLength(5),
                Arbitraries.just("NULL"), Arbitraries.just(""));
        return element.injectNull(0.1).list().ofMaxSize(6);
    }

    @Property
    void aQuotedParameterNeverEndsItsLiteral(@ForAll @CharRange(from = 1, to = 0x2000) String value) {
        String statement = "select x from t where a = $1 and b = 1";
        String bound = SqlText.bind(statement, List.of(Literals.quoted(value)));
        assertThat(SqlText.split(bound)).hasSize(1);
        assertThat(SqlText.words(bound, 20)).containsExactly("SELECT", "X", "FROM", "T", "WHERE", "A", "AND", "B");
    }

    @Example
    void numbersAndBooleansAreCheckedBeforeTheyBecomeSql() {
        assertThat(Literals.literal(Literals.INT8, false, "42".getBytes(StandardCharsets.UTF_8))).isEqualTo("42");
        assertThat(Literals.literal(Literals.FLOAT8, false, "-1.5e3".getBytes(StandardCharsets.UTF_8))).isEqualTo("CAST(-1.5e3 AS DOUBLE)");
        assertThat(Literals.literal(Literals.BOOL, false, "t".getBytes(StandardCharsets.UTF_8))).isEqualTo("TRUE");
        assertThat(Literals.literal(Literals.INT4, false, null)).isEqualTo("CAST(NULL AS BIGINT)");
        assertThatThrownBy(() -> Literals.literal(Literals.INT8, false, "1 or 1=1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PgError.class, e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION));
    }

    @Example
    void placeholdersInsideLiteralsAndCommentsStayAsTheyAre() {
        String statement = "select '$1', \"$1\", $$ $1 $$ -- $1\n, /* $1 */ $1";
        assertThat(SqlText.parameterCount(statement)).isEqualTo(1);
        assertThat(SqlText.bind(statement, List.of("7"))).isEqualTo("select '$1', \"$1\", $$ $1 $$ -- $1\n, /* $1 */  7 ");
        assertThat(SqlText.split("select ';'; select 2; -- only a comment")).containsExactly("select ';'", "select 2");
    }

    /** Postgres' array_in for one dimension: quoted elements with backslash escapes, unquoted NULL is null. */
    private static List<String> parseArray(String text) {
        assertThat(text).startsWith("{").endsWith("}");
        List<String> out = new ArrayList<>();
        String body = text.substring(1, text.length() - 1);
        int i = 0;
        while (i < body.length()) {
            StringBuilder element = new StringBuilder();
            boolean quoted = body.charAt(i) == '"';
            if (quoted) {
                i++;
                while (body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(body.charAt(i++));
                }
                i++;
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    element.append(body.charAt(i++));
                }
            }
            out.add(!quoted && element.toString().equals("NULL") ? null : element.toString());
            i++; // the comma
        }
        return out;
    }
}
