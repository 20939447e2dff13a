package dev.resolute.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A frontend that writes protocol messages by hand, for what drivers never send on purpose (limits, errors, hang-ups). */
final class RawClient implements AutoCloseable {
    record Message(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The SQLSTATE of an ErrorResponse. */
        String sqlState() {
            String[] fields = text().split("\0");
            for (String field : fields) {
                if (field.startsWith("C")) {
                    return field.substring(1);
                }
            }
            return null;
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    int pid;
    int secret;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends the StartupMessage and reads through ReadyForQuery; returns what the server sent. */
    List<Message> startup() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.writeInt(196608);
        for (String s : new String[] {"user", "tester", "database", "restate", ""}) {
            data.write(s.getBytes(StandardCharsets.UTF_8));
            data.write(0);
        }
        untyped(body.toByteArray());
        List<Message> messages = untilReady();
        for (Message m : messages) {
            if (m.type() == 'K') {
                ByteBuffer key = ByteBuffer.wrap(m.body());
                pid = key.getInt();
                secret = key.getInt();
            }
        }
        return messages;
    }

    void untyped(byte[] body) throws IOException {
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    void send(char type, byte[] body) throws IOException {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    void query(String sql) throws IOException {
        send('Q', cstring(sql));
    }

    void parse(String name, String sql) throws IOException {
        send('P', concat(cstring(name), cstring(sql), new byte[] {0, 0}));
    }

    /** Bind with text parameters and one result format for every column. */
    void bind(String portal, String statement, List<String> parameters, int resultFormat) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.write(cstring(portal));
        data.write(cstring(statement));
        data.writeShort(0);
        data.writeShort(parameters.size());
        for (String p : parameters) {
            if (p == null) {
                data.writeInt(-1);
            } else {
                byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
                data.writeInt(bytes.length);
                data.write(bytes);
            }
        }
        data.writeShort(1);
        data.writeShort(resultFormat);
        send('B', body.toByteArray());
    }

    void describe(char kind, String name) throws IOException {
        send('D', concat(new byte[] {(byte) kind}, cstring(name)));
    }

    void execute(String portal, int maxRows) throws IOException {
        send('E', concat(cstring(portal), ByteBuffer.allocate(4).putInt(maxRows).array()));
    }

    void sync() throws IOException {
        send('S', new byte[0]);
    }

    Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    List<Message> untilReady() throws IOException {
        List<Message> messages = new ArrayList<>();
        Message m;
        do {
            m = read();
            messages.add(m);
        } while (m.type() != 'Z');
        return messages;
    }

    static String types(List<Message> messages) {
        return messages.stream().map(m -> String.valueOf(m.type())).collect(Collectors.joining());
    }

    static byte[] cstring(String s) {
        return concat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
