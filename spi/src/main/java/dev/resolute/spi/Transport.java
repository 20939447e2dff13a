package dev.resolute.spi;

/** How a service is reached: a TCP port or a Unix domain socket file. */
public enum Transport {
    TCP,
    UNIX;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
