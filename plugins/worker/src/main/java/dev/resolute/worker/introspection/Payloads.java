package dev.resolute.worker.introspection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The payloads inside a journal entry's protocol message — a {@code Value}'s content, a call's parameter, a run
 * proposal's value — found by field, so every entry type is covered without a list of types.
 */
final class Payloads {
    private static final Set<String> FIELDS = Set.of("content", "parameter", "value");

    private Payloads() {
    }

    /** The message with every payload longer than {@code limit} bytes left empty (the result's kind stays). */
    static Message withoutLarger(Message message, int limit) {
        Message.Builder builder = null;
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            Object value = field.getValue();
            Object replaced = value;
            if (descriptor.isRepeated()) {
                continue; // headers, state keys: no payloads
            }
            if (isPayload(descriptor) && ((ByteString) value).size() > limit) {
                replaced = ByteString.EMPTY;
            } else if (descriptor.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                replaced = withoutLarger((Message) value, limit);
            }
            if (replaced != value) {
                if (builder == null) {
                    builder = message.toBuilder();
                }
                builder.setField(descriptor, replaced);
            }
        }
        return builder == null ? message : builder.build();
    }

    /** The first payload in field order: an input's body, an output, a state value, a run's result, a call's parameter. */
    static Optional<ByteString> main(Message message) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.isRepeated()) {
                continue;
            }
            if (isPayload(descriptor)) {
                return Optional.of((ByteString) field.getValue());
            }
            if (descriptor.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                Optional<ByteString> inner = main((Message) field.getValue());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPayload(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING && FIELDS.contains(field.getName());
    }
}
