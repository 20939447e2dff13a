package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.tck.TestPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request identity's configuration as the plugin reads it: checked in create(), before anything starts. */
class SchemaPluginFactoryTest {
    private final SchemaPluginFactory factory = new SchemaPluginFactory();

    @TempDir
    Path dir;

    @Test
    void declaresTheInvokerKeysWithRestateDefaults() {
        assertThat(factory.configReads()).extracting(k -> k.path() + "=" + k.defaultValue()).containsExactly(
                "worker.invoker.request-identity-private-key-pem-file=null", "request-identity-private-key-pem-file=null",
                "worker.invoker.request-identity-expiration=1m");
    }

    @Test
    void noKeyMeansNoSigningAndCreateSucceeds() {
        assertThat(factory.create(context(Map.of()))).isNotNull();
    }

    @Test
    void anExpirationBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> factory.create(context(Map.of("worker.invoker.request-identity-expiration", "500ms"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("worker.invoker.request-identity-expiration = \"500ms\" (test): must be at least 1s");
    }

    @Test
    void theDeprecatedTopLevelKeyIsReadWhenTheInvokerKeyIsUnset() throws Exception {
        Path missing = dir.resolve("old.pem");
        assertThatThrownBy(() -> factory.create(context(Map.of("request-identity-private-key-pem-file", missing.toString()))))
                .hasMessage("request-identity-private-key-pem-file = \"" + missing + "\" (test): no such file");
        // the invoker's key wins over the deprecated one
        Path good = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        assertThat(factory.create(context(Map.of("worker.invoker.request-identity-private-key-pem-file", good.toString(),
                "request-identity-private-key-pem-file", missing.toString())))).isNotNull();
    }

    private TestPluginContext context(Map<String, String> root) {
        return new TestPluginContext(factory, dir, Map.of(), root);
    }
}
