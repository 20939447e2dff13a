package dev.resolute.fabric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The metadata values restatectl decodes itself (restatectl.md §5): the nodes configuration, the logs and the
 * partition table of this one-node cluster, as {@code StorageCodec} blobs. Codec 5 (one byte, then the JSON of
 * Restate's serde model, no length prefix) rather than the real server's flexbuffers (codec 2): restatectl decodes
 * both through the same serde visitors, and JSON is plain Jackson (pinned against the real binary by RestatectlIT).
 *
 * <p>Every value's version is {@link #VERSION}: nothing here changes while the node runs, and restatectl only needs
 * the versions in {@code GetIdent} to equal the values' and to be above 0.
 */
final class MetadataBlobs {

    static final int VERSION = 1;
    static final byte JSON_CODEC = 5;

    /** The metadata store's keys restatectl's {@code metadata get -k} reads. */
    static final String NODES_CONFIG_KEY = "nodes_config";
    static final String LOGS_KEY = "bifrost_config";
    static final String PARTITION_TABLE_KEY = "partition_table";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeFacts node;

    MetadataBlobs(NodeFacts node) {
        this.node = node;
    }

    /** The blob stored under {@code key}, if it is one of the three this node keeps. */
    Optional<byte[]> byKey(String key) {
        return switch (key) {
            case NODES_CONFIG_KEY -> Optional.of(nodesConfiguration());
            case LOGS_KEY -> Optional.of(logs());
            case PARTITION_TABLE_KEY -> Optional.of(partitionTable());
            default -> Optional.empty();
        };
    }

    byte[] nodesConfiguration() {
        return blob(nodesConfigurationJson());
    }

    ObjectNode nodesConfigurationJson() {
        ObjectNode config = JSON.createObjectNode();
        config.put("name", node.name());
        config.putArray("current_generation").add(NodeFacts.PLAIN_ID).add(node.generation());
        config.put("address", node.fabricAddress());
        ArrayNode roles = config.putArray("roles");
        node.roles().forEach(roles::add);
        config.putObject("log_server_config").put("storage_state", node.has("log-server") ? "read-write" : "provisioning");
        config.put("location", "");
        config.putObject("metadata_server_config").put("metadata_server_state", node.has("metadata-server") ? "member" : "standby");
        config.putObject("worker_config").put("worker_state", node.has("worker") ? "active" : "provisioning");

        ObjectNode nodes = JSON.createObjectNode();
        nodes.put("version", VERSION);
        nodes.put("cluster_name", node.clusterName());
        nodes.putArray("nodes").addArray().add(NodeFacts.PLAIN_ID).addObject().set("Node", config);
        nodes.putObject("name_lookup").put(node.name(), NodeFacts.PLAIN_ID);
        nodes.putArray("features").add("controlled-idempotent-sharding");
        return nodes;
    }

    byte[] logs() {
        ObjectNode logs = JSON.createObjectNode();
        logs.put("version", VERSION);
        ArrayNode list = logs.putArray("logs");
        for (int logId = 0; logId < node.numPartitions(); logId++) {
            list.addArray().add(logId).add(chainJson(logId));
        }
        logs.putObject("config").putObject("default_provider").putObject("replicated")
                .put("replication_property", "{node: 1}").put("target_nodeset_size", 0);
        return blob(logs);
    }

    /** The chain of one log: a single replicated segment from LSN 1, sequenced by this node, its nodeset this node. */
    ObjectNode chainJson(int logId) {
        ObjectNode params = JSON.createObjectNode();
        params.put("loglet_id", ((long) logId) << 32);
        params.put("sequencer", node.generationalId());
        params.putObject("replication").put("node", 1);
        params.putArray("nodeset").add(NodeFacts.PLAIN_ID);
        ObjectNode segment = JSON.createObjectNode();
        segment.put("kind", "replicated");
        segment.put("params", params.toString()); // a JSON string inside the JSON, as Restate keeps loglet params
        segment.put("index", 0);
        segment.putNull("created_at");
        ObjectNode chain = JSON.createObjectNode();
        chain.putArray("chain").addArray().add(1).add(segment);
        return chain;
    }

    byte[] chain(int logId) {
        return blob(chainJson(logId));
    }

    /** Equally sized partitions ({@code partitions: null}), which restatectl computes itself, replicated once. */
    byte[] partitionTable() {
        ObjectNode table = JSON.createObjectNode();
        table.put("version", VERSION);
        table.put("num_partitions", node.numPartitions());
        table.putNull("partitions");
        table.putObject("replication").put("limit", 1);
        return blob(table);
    }

    private static byte[] blob(ObjectNode value) {
        try {
            byte[] json = JSON.writeValueAsBytes(value);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 1);
            out.write(JSON_CODEC);
            out.writeBytes(json);
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
