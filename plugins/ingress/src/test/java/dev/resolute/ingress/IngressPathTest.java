package dev.resolute.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class IngressPathTest {
    private static final Map<String, Service> SERVICES = Map.of(
            "Counter", service("Counter", ServiceType.VIRTUAL_OBJECT),
            "Job", service("Job", ServiceType.WORKFLOW),
            "Greeter", service("Greeter", ServiceType.SERVICE));
    private static final Function<String, Optional<Service>> LOOKUP = name -> Optional.ofNullable(SERVICES.get(name));

    /** Any Unicode text: code points from every plane, surrogates excluded (they are no text on their own). */
    @Provide
    Arbitrary<String> keys() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
        Arbitrary<Integer> tricky = Arbitraries.of((int) '/', (int) '%', (int) '?', (int) '#', (int) ' ', (int) '+', (int) '.', (int) ';', 0x1F600);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, any),
                        Tuple.of(2, tricky),
                        Tuple.of(2, Arbitraries.integers().between(0x20, 0x7E)))
                .list().ofMaxSize(12).map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
    }

    /** Clients encode differently: everything (as a form encoder, with %20), or only what a path segment cannot hold raw. */
    @Provide
    Arbitrary<Function<String, String>> encoders() {
        Function<String, String> everything = key -> URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        Function<String, String> minimal = key -> key.replace("%", "%25").replace("/", "%2F").replace("?", "%3F").replace("#", "%23");
        return Arbitraries.of(everything, minimal);
    }

    @Property
    void anyKeyEncodedParsesBackToExactlyTheKey(@ForAll("keys") String key, @ForAll("encoders") Function<String, String> encoder,
                                                @ForAll boolean workflow, @ForAll boolean send) {
        String service = workflow ? "Job" : "Counter";
        IngressPath path = IngressPath.parse("/" + service + "/" + encoder.apply(key) + "/add" + (send ? "/send" : ""), LOOKUP);
        assertThat(path.service().name()).isEqualTo(service);
        assertThat(path.key()).hasValue(key);
        assertThat(path.handler()).isEqualTo("add");
        assertThat(path.send()).isEqualTo(send);
    }

    /** Bytes that no UTF-8 text encodes to: a lone continuation byte, an overlong form, a surrogate, a truncated sequence, 0xFF. */
    @Provide
    Arbitrary<String> invalidUtf8() {
        return Arbitraries.of("%FF", "%80", "%C0%AF", "%ED%A0%80", "%E2%82", "%F0%9F%98", "%C3", "%FE%FF");
    }

    @Property
    void aKeyThatIsNotUtf8OnceDecodedIsA400NamingTheByte(@ForAll("keys") String prefix, @ForAll("invalidUtf8") String bad) {
        String encodedPrefix = URLEncoder.encode(prefix, StandardCharsets.UTF_8).replace("+", "%20");
        int at = prefix.getBytes(StandardCharsets.UTF_8).length;
        assertThatThrownBy(() -> IngressPath.parse("/Counter/" + encodedPrefix + bad + "/add", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> {
                    assertThat(e.status).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("bad path, cannot decode key '" + encodedPrefix + bad + "'")
                            .contains("not valid UTF-8", "invalid byte 0x" + bad.substring(1, 3) + " at byte " + at);
                });
    }

    @Example
    void serviceAndHandlerNamesAreMatchedDecoded() {
        IngressPath path = IngressPath.parse("/%47reeter/gr%65et/send", LOOKUP);
        assertThat(path.service().name()).isEqualTo("Greeter");
        assertThat(path.handler()).isEqualTo("greet");
        assertThat(path.key()).isEmpty();
        assertThat(path.send()).isTrue();
    }

    @Example
    void theRawPathIsNotNormalisedSoDotsAndEmptySegmentsAreKeys() {
        assertThat(IngressPath.parse("/Counter//add", LOOKUP).key()).hasValue("");
        assertThat(IngressPath.parse("/Counter/../add", LOOKUP).key()).hasValue("..");
        assertThat(IngressPath.parse("/Counter/a;b=c/add", LOOKUP).key()).hasValue("a;b=c");
    }

    @Example
    void aPercentWithoutTwoHexDigitsStaysAsItIsAndPlusStaysAPlus() {
        assertThat(IngressPath.parse("/Counter/100%/add", LOOKUP).key()).hasValue("100%");
        assertThat(IngressPath.parse("/Counter/%zz%4/add", LOOKUP).key()).hasValue("%zz%4");
        assertThat(IngressPath.parse("/Counter/a+b%2Bc/add", LOOKUP).key()).hasValue("a+b+c");
        assertThat(IngressPath.parse("/Counter/ключ😀/add", LOOKUP).key()).hasValue("ключ😀");
    }

    @Example
    void wrongShapesAndUnknownServicesAreRefused() {
        assertThatThrownBy(() -> IngressPath.parse("/Counter/k/add/extra/segments", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e.status).isEqualTo(400));
        assertThatThrownBy(() -> IngressPath.parse("/Counter/k/add/", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e.status).isEqualTo(400));
        assertThatThrownBy(() -> IngressPath.parse("/Greeter/k/greet", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e.status).isEqualTo(400));
        assertThatThrownBy(() -> IngressPath.parse("/Nope/x", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e).hasMessageStartingWith("service 'Nope' not found"));
        assertThatThrownBy(() -> IngressPath.parse("/", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e.status).isEqualTo(404));
        assertThatThrownBy(() -> IngressPath.parse("/%FF/x", LOOKUP))
                .isInstanceOfSatisfying(IngressError.class, e -> assertThat(e).hasMessageStartingWith("bad path, cannot decode service name '%FF'"));
    }

    private static Service service(String name, ServiceType type) {
        return new Service(name, type, 1, "dp_test", true, List.of(), Optional.empty(), Map.of(), InvocationOptions.NONE);
    }
}
