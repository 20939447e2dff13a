package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.OutputRules;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SPI's input and output rules, as the ingress will apply them. */
class InputRulesTest {

    @Test
    void anyAcceptsEveryBodyAndNoBody() {
        assertThat(InputRules.ANY.accepts(Optional.empty(), true)).isTrue();
        assertThat(InputRules.ANY.accepts(Optional.of("image/png"), false)).isTrue();
        assertThat(InputRules.ANY.accepts(Optional.empty(), false)).as("a body needs a content type").isFalse();
    }

    @Test
    void contentTypesMatchByTypeAndSubtypeIgnoringParameters() {
        InputRules json = new InputRules(false, Optional.of("application/json"), Optional.empty());
        assertThat(json.accepts(Optional.of("application/json; charset=utf-8"), false)).isTrue();
        assertThat(json.accepts(Optional.of("Application/JSON"), false)).isTrue();
        assertThat(json.accepts(Optional.of("application/xml"), false)).isFalse();
        assertThat(json.accepts(Optional.of("json"), false)).isFalse();
        assertThat(json.accepts(Optional.empty(), true)).as("optional input: no body is fine").isTrue();

        InputRules text = new InputRules(true, Optional.of("text/*"), Optional.empty());
        assertThat(text.accepts(Optional.of("text/plain"), false)).isTrue();
        assertThat(text.accepts(Optional.of("application/plain"), false)).isFalse();
        assertThat(text.accepts(Optional.empty(), true)).as("required input").isFalse();
    }

    @Test
    void jsonSchemaBodiesMustNotBeEmptyAndNoContentTypeMeansNoBody() {
        InputRules schema = new InputRules(false, Optional.of("application/json"), Optional.of("{\"type\":\"object\"}"));
        assertThat(schema.accepts(Optional.of("application/json"), true)).isFalse();
        assertThat(schema.accepts(Optional.of("application/json"), false)).isTrue();

        InputRules none = new InputRules(false, Optional.empty(), Optional.empty());
        assertThat(none.accepts(Optional.empty(), true)).isTrue();
        assertThat(none.accepts(Optional.of("application/json"), false)).isFalse();
    }

    @Test
    void outputContentTypeOnEmptyBodiesOnlyWhenAsked() {
        assertThat(OutputRules.JSON.contentTypeFor(false)).contains("application/json");
        assertThat(OutputRules.JSON.contentTypeFor(true)).isEmpty();
        assertThat(new OutputRules(Optional.of("application/proto"), true, Optional.empty()).contentTypeFor(true)).contains("application/proto");
    }
}
