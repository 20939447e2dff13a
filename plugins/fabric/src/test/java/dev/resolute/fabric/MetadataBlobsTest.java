package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The metadata blobs, byte for byte: codec 5 then the JSON restatectl 1.7.12 decodes (RestatectlIT runs the real
 * binary over them; these pin what it was shown).
 */
class MetadataBlobsTest {

    private static final NodeFacts NODE = new NodeFacts("node-1", "localcluster", 3, "unix:/data/node-1/fabric.sock",
            List.of("worker", "admin", "metadata-server", "http-ingress", "log-server"), Instant.EPOCH, 2, Optional.empty());

    private final MetadataBlobs blobs = new MetadataBlobs(NODE);

    @Test
    void nodesConfigurationListsTheNodeWithItsGenerationAddressAndRolesInRestatesOrder() {
        assertEquals("{\"version\":1,\"cluster_name\":\"localcluster\",\"nodes\":[[1,{\"Node\":{\"name\":\"node-1\","
                + "\"current_generation\":[1,3],\"address\":\"unix:/data/node-1/fabric.sock\","
                + "\"roles\":[\"http-ingress\",\"admin\",\"worker\",\"log-server\",\"metadata-server\"],"
                + "\"log_server_config\":{\"storage_state\":\"read-write\"},\"location\":\"\","
                + "\"metadata_server_config\":{\"metadata_server_state\":\"member\"},\"worker_config\":{\"worker_state\":\"active\"}}}]],"
                + "\"name_lookup\":{\"node-1\":1},\"features\":[\"controlled-idempotent-sharding\"]}", json(blobs.nodesConfiguration()));
    }

    @Test
    void logsAreOneReplicatedSegmentPerPartitionSequencedByTheNode() {
        String segment = "{\"kind\":\"replicated\",\"params\":\"{\\\"loglet_id\\\":%d,\\\"sequencer\\\":\\\"N1:3\\\","
                + "\\\"replication\\\":{\\\"node\\\":1},\\\"nodeset\\\":[1]}\",\"index\":0,\"created_at\":null}";
        assertEquals("{\"version\":1,\"logs\":[[0,{\"chain\":[[1," + segment.formatted(0L) + "]]}],"
                + "[1,{\"chain\":[[1," + segment.formatted(1L << 32) + "]]}]],"
                + "\"config\":{\"default_provider\":{\"replicated\":{\"replication_property\":\"{node: 1}\",\"target_nodeset_size\":0}}}}",
                json(blobs.logs()));
    }

    @Test
    void thePartitionTableHasEquallySizedPartitionsReplicatedOnce() {
        assertEquals("{\"version\":1,\"num_partitions\":2,\"partitions\":null,\"replication\":{\"limit\":1}}", json(blobs.partitionTable()));
    }

    @Test
    void aNodeWithoutLogServerMetadataOrWorkerRolesSaysSo() {
        NodeFacts adminOnly = new NodeFacts("a", "c", 1, "http://127.0.0.1:5122/", List.of("admin"), Instant.EPOCH, 1, Optional.empty());

        String json = json(new MetadataBlobs(adminOnly).nodesConfiguration());

        assertTrue(json.contains("\"roles\":[\"admin\"],\"log_server_config\":{\"storage_state\":\"provisioning\"}"), json);
        assertTrue(json.contains("{\"metadata_server_state\":\"standby\"},\"worker_config\":{\"worker_state\":\"provisioning\"}"), json);
    }

    @Test
    void theStoreAnswersItsThreeKeysOnly() {
        assertEquals(json(blobs.nodesConfiguration()), json(blobs.byKey("nodes_config").orElseThrow()));
        assertEquals(json(blobs.logs()), json(blobs.byKey("bifrost_config").orElseThrow()));
        assertEquals(json(blobs.partitionTable()), json(blobs.byKey("partition_table").orElseThrow()));
        assertEquals(Optional.empty(), blobs.byKey("schema_registry"));
    }

    /** The JSON after the codec byte, which must be 5. */
    private static String json(byte[] blob) {
        assertEquals(MetadataBlobs.JSON_CODEC, blob[0]);
        return new String(Arrays.copyOfRange(blob, 1, blob.length), StandardCharsets.UTF_8);
    }
}
