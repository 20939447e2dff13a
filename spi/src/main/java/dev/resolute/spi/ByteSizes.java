package dev.resolute.spi;

/** PLACEHOLDER - to be replaced by the Restate-compatible parser. */
public final class ByteSizes {
    private ByteSizes() {
    }

    public static long parse(String text) {
        String t = text.trim();
        if (t.endsWith("MiB")) return (long) (Double.parseDouble(t.substring(0, t.length() - 3).trim()) * 1024 * 1024);
        if (t.endsWith("GiB")) return (long) (Double.parseDouble(t.substring(0, t.length() - 3).trim()) * 1024 * 1024 * 1024);
        if (t.endsWith("KiB")) return (long) (Double.parseDouble(t.substring(0, t.length() - 3).trim()) * 1024);
        return Long.parseLong(t);
    }

    public static String format(long bytes) {
        return bytes + " B";
    }
}
