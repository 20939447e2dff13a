package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void normalizesAsRestatePrintsDeploymentUris() {
        assertThat(Endpoints.normalize(URI.create("http://127.0.0.1:9080"))).hasToString("http://127.0.0.1:9080/");
        assertThat(Endpoints.normalize(URI.create("HTTPS://svc.example:443/prefix/"))).hasToString("https://svc.example:443/prefix/");
        assertThat(Endpoints.normalize(URI.create("http://h:1/p?tenant=a"))).hasToString("http://h:1/p?tenant=a");
    }

    @Test
    void joinsPathsKeepingThePrefixAndQuery() {
        assertThat(Endpoints.resolve(URI.create("http://h:1/"), "discover")).hasToString("http://h:1/discover");
        assertThat(Endpoints.resolve(URI.create("http://h:1/api/"), "discover")).hasToString("http://h:1/api/discover");
        assertThat(Endpoints.resolve(URI.create("http://h:1/api?x=1"), "discover")).hasToString("http://h:1/api/discover?x=1");
    }

    @Test
    void refusesWhatCannotBeAnEndpoint() {
        assertThatThrownBy(() -> Endpoints.normalize(URI.create("notauri")))
                .hasMessage("The provided uri notauri is not absolute, only absolute URIs can be used.");
        assertThatThrownBy(() -> Endpoints.normalize(URI.create("ftp://x/"))).hasMessageContaining("only http and https are supported");
        assertThatThrownBy(() -> Endpoints.headers(Map.of("bad name", "x"))).hasMessageContaining("'bad name' is not a valid HTTP header name");
        assertThatThrownBy(() -> Endpoints.headers(Map.of("x-a", "1\r\nx-b: 2"))).hasMessageContaining("must not contain line breaks");
        assertThat(Endpoints.headers(Map.of("X-Tenant", "a"))).isEqualTo(Map.of("x-tenant", "a"));
    }
}
