package dev.resolute.pgwire;

import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.util.List;

/** The backend messages of protocol 3.0, written to a {@link WireOutput}. */
final class Backend {
    private final WireOutput out;

    Backend(WireOutput out) {
        this.out = out;
    }

    WireOutput wire() {
        return out;
    }

    void authenticationOk() throws IOException {
        out.begin('R').int32(0).end();
    }

    void parameterStatus(String name, String value) throws IOException {
        out.begin('S').cstring(name).cstring(value).end();
    }

    void backendKeyData(int pid, int secret) throws IOException {
        out.begin('K').int32(pid).int32(secret).end();
    }

    /** The newest minor version this server speaks (0) and the protocol options it did not recognise. */
    void negotiateProtocolVersion(List<String> unrecognized) throws IOException {
        out.begin('v').int32(0x30000).int32(unrecognized.size());
        unrecognized.forEach(out::cstring);
        out.end();
    }

    void readyForQuery(char status) throws IOException {
        out.begin('Z').int8(status).end();
    }

    void rowDescription(List<TableColumn> columns, int[] formats) throws IOException {
        out.begin('T').int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            PgType type = PgType.of(columns.get(i).type());
            out.cstring(columns.get(i).name()).int32(0).int16(0).int32(type.oid()).int16(type.size()).int32(-1).int16(formats[i]);
        }
        out.end();
    }

    /** Encodes every value before writing, so a value that fails to encode leaves no half-written message behind. */
    void dataRow(Object[] row, List<TableColumn> columns, int[] formats) throws IOException {
        byte[][] values = new byte[columns.size()][];
        for (int i = 0; i < columns.size(); i++) {
            Object value = i < row.length ? row[i] : null;
            if (value != null) {
                PgType type = PgType.of(columns.get(i).type());
                values[i] = formats[i] == 1 ? type.binary(value) : type.text(value);
            }
        }
        out.begin('D').int16(values.length);
        for (byte[] value : values) {
            if (value == null) {
                out.int32(-1);
            } else {
                out.int32(value.length).bytes(value);
            }
        }
        out.end();
    }

    void parameterDescription(int[] oids) throws IOException {
        out.begin('t').int16(oids.length);
        for (int oid : oids) {
            out.int32(oid);
        }
        out.end();
    }

    void commandComplete(String tag) throws IOException {
        out.begin('C').cstring(tag).end();
    }

    void error(PgError error) throws IOException {
        error(error, "ERROR");
    }

    /** An error that ends the session ({@code FATAL}) or only the statement ({@code ERROR}). */
    void error(PgError error, String severity) throws IOException {
        out.begin('E').int8('S').cstring(severity).int8('V').cstring(severity).int8('C').cstring(error.state().code())
                .int8('M').cstring(error.getMessage()).int8(0).end();
    }

    void emptyQueryResponse() throws IOException {
        simple('I');
    }

    void parseComplete() throws IOException {
        simple('1');
    }

    void bindComplete() throws IOException {
        simple('2');
    }

    void closeComplete() throws IOException {
        simple('3');
    }

    void noData() throws IOException {
        simple('n');
    }

    void portalSuspended() throws IOException {
        simple('s');
    }

    private void simple(char type) throws IOException {
        out.begin(type).end();
    }

    void flush() throws IOException {
        out.flush();
    }
}
