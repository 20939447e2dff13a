package dev.resolute.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.ingress.InvocationRoutes.Operation;
import dev.resolute.ingress.InvocationRoutes.Route;
import dev.resolute.spi.invocation.InvocationTarget;
import dev.resolute.spi.schema.Service;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The attach, output and lookup routes of reference §3.3 and their JSON bodies. */
class InvocationRoutesTest {
    private static final String ID = "inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3P";
    private static final Function<String, Optional<Service>> NO_SERVICES = name -> Optional.empty();

    @Test
    void byInvocationId() {
        assertThat(route("/restate/invocation/" + ID + "/attach")).isEqualTo(route(Operation.ATTACH, new InvocationTarget.ById(ID)));
        assertThat(route("/restate/invocation/" + ID + "/output")).isEqualTo(route(Operation.OUTPUT, new InvocationTarget.ById(ID)));
        assertThat(route("/restate/attach/" + ID)).isEqualTo(route(Operation.ATTACH, new InvocationTarget.ById(ID)));
        assertThat(route("/restate/output/" + ID)).isEqualTo(route(Operation.OUTPUT, new InvocationTarget.ById(ID)));
    }

    @Test
    void byWorkflowIdWithAnyTextDecodedOnce() {
        assertThat(route("/restate/workflow/Flow/a%2Fb%20c/attach"))
                .isEqualTo(route(Operation.ATTACH, new InvocationTarget.WorkflowRun("Flow", "a/b c")));
    }

    @Test
    void theBodyFormsTakeTheirTargetFromTheBody() {
        assertThat(route("/restate/lookup")).contains(new Route(Operation.LOOKUP, Optional.empty()));
        assertThat(route("/restate/attach")).contains(new Route(Operation.ATTACH, Optional.empty()));
        assertThat(route("/restate/output")).contains(new Route(Operation.OUTPUT, Optional.empty()));
        assertThat(target("{\"target\":\"invocation\",\"invocationId\":\"" + ID + "\"}")).isEqualTo(new InvocationTarget.ById(ID));
        assertThat(target("{\"target\":\"workflow\",\"workflowName\":\"W\",\"workflowKey\":\"k\"}"))
                .isEqualTo(new InvocationTarget.WorkflowRun("W", "k"));
        assertThat(target("{\"target\":\"idempotentInvocation\",\"service\":\"S\",\"key\":\"o\",\"handler\":\"h\",\"idempotencyKey\":\"i\"}"))
                .isEqualTo(new InvocationTarget.Idempotent("S", Optional.of("o"), "h", "i"));
        assertThat(target("{\"target\":\"idempotentInvocation\",\"service\":\"S\",\"handler\":\"h\",\"idempotencyKey\":\"i\"}"))
                .isEqualTo(new InvocationTarget.Idempotent("S", Optional.empty(), "h", "i"));
    }

    @Test
    void badBodiesSayWhatIsWrong() {
        assertThatThrownBy(() -> target("{\"target\":\"bogus\"}")).hasMessageContaining("unknown target 'bogus'");
        assertThatThrownBy(() -> target("{\"target\":\"workflow\",\"workflowName\":\"W\"}")).hasMessageContaining("\"workflowKey\" must be a string");
        assertThatThrownBy(() -> target("nope")).hasMessageStartingWith("bad body: it is not JSON");
    }

    @Test
    void anUnknownServiceInAnIdempotencyKeyPathIsA404AndOtherPathsAreNotRoutes() {
        assertThatThrownBy(() -> route("/restate/invocation/Nope/h/k/attach")).isInstanceOfSatisfying(IngressError.class,
                e -> assertThat(e.status).isEqualTo(404));
        assertThat(route("/restate/invocation/" + ID + "/cancel")).isEmpty();
        assertThat(route("/restate/awakeables/x/resolve")).isEmpty();
        assertThat(route("/Greeter/greet")).isEmpty();
    }

    @Test
    void idempotencyExpiresIsWrittenAsRestateWritesIt() {
        assertThat(Results.EXPIRES.format(java.time.Instant.parse("2026-12-04T10:38:36.029Z"))).isEqualTo("2026-12-04T10:38:36.029+00:00");
    }

    private static Optional<Route> route(String path) {
        return InvocationRoutes.route(path, NO_SERVICES);
    }

    private static Optional<Route> route(Operation operation, InvocationTarget target) {
        return Optional.of(new Route(operation, Optional.of(target)));
    }

    private static InvocationTarget target(String json) {
        return InvocationRoutes.target(json.getBytes(StandardCharsets.UTF_8));
    }
}
