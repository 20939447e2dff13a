package dev.resolute.worker.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Random;

/**
 * Fills any protocol message with random values, driven by its descriptor so that every field of every type
 * is exercised without a generator per message. Values lean on edge cases: 0, all ones, empty, non-ASCII.
 */
final class RandomMessages {
    private static final int MAX_DEPTH = 3;
    private static final int[] CODE_POINT_STARTS = {0x20, 0xA0, 0x4E00, 0x1F600};

    private RandomMessages() {
    }

    static Message of(MessageType type, Random random) {
        try {
            Message prototype = (Message) type.messageClass().getMethod("getDefaultInstance").invoke(null);
            return fill(prototype.newBuilderForType(), random, 0);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Message fill(Message.Builder builder, Random random, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (random.nextInt(4) == 0) {
                continue; // left unset; setting a oneof member later also clears the others
            }
            if (field.isRepeated()) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    builder.addRepeatedField(field, value(builder, field, random, depth));
                }
            } else {
                builder.setField(field, value(builder, field, random, depth));
            }
        }
        return builder.build();
    }

    private static Object value(Message.Builder builder, FieldDescriptor field, Random random, int depth) {
        switch (field.getJavaType()) {
            case INT:
                return pick(random, List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt()));
            case LONG:
                return pick(random, List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()));
            case BOOLEAN:
                return random.nextBoolean();
            case STRING:
                return string(random);
            case BYTE_STRING:
                byte[] bytes = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(64)];
                random.nextBytes(bytes);
                return ByteString.copyFrom(bytes);
            case ENUM:
                List<EnumValueDescriptor> values = field.getEnumType().getValues();
                return values.get(random.nextInt(values.size()));
            case MESSAGE:
                Message.Builder nested = builder.newBuilderForField(field);
                return depth < MAX_DEPTH ? fill(nested, random, depth + 1) : nested.build();
            default:
                throw new AssertionError("the protocol has no " + field.getJavaType() + " fields");
        }
    }

    private static String string(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(3) == 0 ? 0 : random.nextInt(20); i > 0; i--) {
            out.appendCodePoint(CODE_POINT_STARTS[random.nextInt(CODE_POINT_STARTS.length)] + random.nextInt(64));
        }
        return out.toString();
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
