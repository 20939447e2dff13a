#!/usr/bin/env bash
# Builds and runs the storage commit benchmark; prints a Markdown report (also left in target/results.md).
# Usage: bench/storage/run.sh [seconds per measurement, default 3]; ENGINES=lmdb (or rocksdb) measures one engine only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The flags the launcher sets: LMDB's direct-buffer access and JNI without warnings.
flags=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)

(cd "$root" && mvn -B -q -pl spi,tck,plugins/storage-lmdb,plugins/storage-rocksdb install -DskipTests)
(cd "$here" && mvn -B -q package -DskipTests)

work="$(mktemp -d "${TMPDIR:-/tmp}/resolute-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
{
  echo "### Machine"
  echo
  echo "- nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- memory: $(free -g | awk '/Mem:/ {print $2}') GiB; kernel: $(uname -sr)"
  echo "- disk: \`$(df -T "$work" | awk 'NR==2 {print $1", "$2", "$3/1048576" GiB"}')\` (the benchmark's temp dir)"
  echo "- JDK: $("$java" -version 2>&1 | head -2 | tail -1); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$java" "${flags[@]}" -Xmx2g -Dengines="${ENGINES:-lmdb,rocksdb}" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    dev.resolute.bench.storage.StorageBench "$work" "${1:-3}"
  echo
  echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$here/target/results.md"
