package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class AwakeableIdProperties {
    /** Handed out by the TypeScript SDK 1.17.2 (restate-protocol.md §1.6): its first user signal. */
    @Example
    void theSdksIdNamesSignal17() {
        String text = "sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAAEQ";
        AwakeableId id = AwakeableId.parse(text);

        assertThat(id.kind()).isEqualTo(AwakeableId.Kind.SIGNAL);
        assertThat(id.index()).isEqualTo(17);
        assertThat(id).hasToString(text);
        assertThat(AwakeableId.signal(id.invocationId(), 17)).isEqualTo(id);
    }

    @Property
    void bothKindsRoundTrip(@ForAll long partitionKey, @ForAll long high, @ForAll long low, @ForAll int index,
                            @ForAll AwakeableId.Kind kind) {
        AwakeableId id = new AwakeableId(kind, new InvocationId(partitionKey, high, low), index);

        assertThat(id.toString()).matches((kind == AwakeableId.Kind.SIGNAL ? "sign_1" : "prom_1") + "[A-Za-z0-9_-]{38}");
        assertThat(AwakeableId.parse(id.toString())).isEqualTo(id);
    }

    @Example
    void aLegacyIdCarriesAJournalIndex() {
        InvocationId invocation = InvocationId.parse("inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U");
        String legacy = new AwakeableId(AwakeableId.Kind.JOURNAL_ENTRY, invocation, 3).toString();

        assertThat(legacy).startsWith("prom_1");
        assertThat(AwakeableId.parse(legacy)).isEqualTo(new AwakeableId(AwakeableId.Kind.JOURNAL_ENTRY, invocation, 3));
    }

    @Example
    void parseSaysWhatIsWrong() {
        assertThatThrownBy(() -> AwakeableId.parse("inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U"))
                .hasMessage("\"inv_1kY940Qsrvdt78atlOmVeaLZJwd8nHlB9U\" is not a valid awakeable id: it must start with \"sign_1\" (or the legacy \"prom_1\")");
        assertThatThrownBy(() -> AwakeableId.parse("sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA"))
                .hasMessageEndingWith("it must encode 28 bytes, not 27");
        assertThatThrownBy(() -> AwakeableId.parse("sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAA!Q"))
                .hasMessageContaining("not base64url after the prefix");
    }
}
