package dev.resolute.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable<String> routes = new RouteTable<String>()
            .on("GET", "deployments", "list")
            .on("POST", "deployments", "register")
            .on("GET", "services/{service}/handlers/{handler}", "handler");

    @Test
    void placeholdersMatchOneSegmentEachAndArePassedInOrder() {
        RouteTable.Match<String> match = routes.find("GET", List.of("services", "Greeter", "handlers", "greet")).orElseThrow();
        assertThat(match.action()).hasValue("handler");
        assertThat(match.parameters()).containsExactly("Greeter", "greet");
        assertThat(routes.find("GET", List.of("services", "Greeter", "nope", "greet"))).isEmpty();
        assertThat(routes.find("GET", List.of("services", "Greeter", "handlers"))).isEmpty();
    }

    @Test
    void anotherMethodOnAKnownPathNamesTheAllowedOnesInOrder() {
        RouteTable.Match<String> match = routes.find("PUT", List.of("deployments")).orElseThrow();
        assertThat(match.action()).isEqualTo(Optional.empty());
        assertThat(match.allowed()).isEqualTo("GET, POST");
        assertThat(routes.find("POST", List.of("deployments")).orElseThrow().action()).hasValue("register");
    }

    @Test
    void aMethodRoutedTwiceIsRefused() {
        assertThatThrownBy(() -> routes.on("GET", "deployments", "again")).hasMessage("GET deployments is routed twice");
    }
}
