package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The deterministic ids of idempotent requests and workflow runs have the uuid restate-server 1.7.12 gave the same
 * requests (its partition key is a hash of its own; any stable one serves, reference §8.2).
 */
class DeterministicIdsTest {

    @Test
    void anIdempotentRequestHasTheUuidRestateGivesIt() {
        assertThat(uuidText(InvocationId.forIdempotentRequest("Idem", Optional.empty(), "slowEcho", "k1")))
                .isEqualTo(uuidText(InvocationId.parse("inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3P")));
        assertThat(uuidText(InvocationId.forIdempotentRequest("Idem", Optional.empty(), "reject", "r1")))
                .isEqualTo(uuidText(InvocationId.parse("inv_1l3n6TILplRG1F3PUbTtFx8ZVZuZAWgGlg")));
    }

    @Test
    void aWorkflowRunHasTheUuidRestateGivesIt() {
        assertThat(uuidText(InvocationId.forWorkflowRun("IdemFlow", "w1")))
                .isEqualTo(uuidText(InvocationId.parse("inv_12kpUQONmeFb26z6NnIoWaLdOZZdzMZVt4")));
    }

    @Test
    void theObjectKeyDecidesThePartitionAndIsPartOfTheUuid() {
        InvocationId a = InvocationId.forIdempotentRequest("Counter", Optional.of("a"), "add", "k");
        InvocationId b = InvocationId.forIdempotentRequest("Counter", Optional.of("b"), "add", "k");
        assertThat(a.partitionKey()).isEqualTo(PartitionKeys.of("a"));
        assertThat(uuidText(a)).isNotEqualTo(uuidText(b));
        assertThat(InvocationId.forIdempotentRequest("Counter", Optional.of("a"), "add", "k")).isEqualTo(a);
    }

    private static String uuidText(InvocationId id) {
        return Long.toHexString(id.uuidHigh()) + ":" + Long.toHexString(id.uuidLow());
    }
}
