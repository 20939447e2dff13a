package dev.resolute.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The build stamps plugin jars with the root pom's resolute.spi.version; the kernel compares it with SPI_VERSION. */
class SpiVersionTest {
    @Test
    void theVersionPluginJarsAreStampedWithIsTheOneTheKernelSpeaks() {
        assertEquals(String.valueOf(PluginFactory.SPI_VERSION), System.getProperty("resolute.spi.version"),
                "resolute.spi.version in the root pom.xml and PluginFactory.SPI_VERSION must change together");
    }
}
