package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Reply;

/** Building the answers commands give their proposers. */
public final class Replies {
    public static final Reply OK = Reply.getDefaultInstance();

    private Replies() {
    }

    public static Reply of(Reply.Code code, String message) {
        return Reply.newBuilder().setCode(code).setMessage(message).build();
    }

    public static Reply of(Reply.Code code, byte[] invocationId) {
        return Reply.newBuilder().setCode(code).setInvocationId(ByteString.copyFrom(invocationId)).build();
    }
}
