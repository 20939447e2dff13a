package dev.resolute.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Identity and directories of the running node.
 *
 * @param nodeName    the node's name ({@code node-name}, default: the host name)
 * @param clusterName the cluster's name ({@code cluster-name})
 * @param dataDir     {@code <base-dir>/<node-name>}: where this node keeps sockets and data
 */
public record NodeInfo(String nodeName, String clusterName, Path dataDir) {
    public NodeInfo {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
