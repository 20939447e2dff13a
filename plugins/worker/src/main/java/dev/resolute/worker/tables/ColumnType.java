package dev.resolute.worker.tables;

/** How one column of a key or value is laid out in bytes, in the order the columns appear. */
public enum ColumnType {
    /** One unsigned byte. */
    U8,
    /** Two bytes, unsigned big-endian. */
    U16,
    /** Four bytes, unsigned big-endian. */
    U32,
    /** Eight bytes, unsigned big-endian (partition keys, sequence numbers, epoch milliseconds). */
    U64,
    /** 24 bytes: the partition key (u64) followed by the invocation's uuid (16 bytes). */
    INVOCATION_ID,
    /** A u32 byte length followed by that many UTF-8 bytes, so one string never runs into the next column. */
    STRING,
    /** The remaining bytes, UTF-8. */
    UTF8,
    /** The remaining bytes, uninterpreted. */
    BYTES,
    /** The remaining bytes: a protobuf message of the column's descriptor. */
    MESSAGE
}
