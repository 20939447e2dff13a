#!/usr/bin/env bash
# Refreshes the vendored UI libraries from the npm registry: ./vendor.sh [preact-version] [htm-version]
set -euo pipefail
preact=${1:-11.2.0}; htm=${2:-3.1.1}
out="$(cd "$(dirname "$0")" && pwd)/src/main/resources/dev/resolute/ui/web/vendor"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "preact@$preact" "htm@$htm" >/dev/null
mkdir preact htm
tar xzf "preact-$preact.tgz" -C preact --strip-components=1
tar xzf "htm-$htm.tgz" -C htm --strip-components=1
cp preact/dist/preact.mjs "$out/preact.mjs"
cp preact/hooks/dist/hooks.mjs "$out/hooks.mjs"
cp htm/dist/htm.mjs "$out/htm.mjs"
sed -i 's|//# sourceMappingURL=.*||' "$out"/*.mjs
cp preact/LICENSE "$out/LICENSE-preact.txt"
cp htm/LICENSE "$out/LICENSE-htm.txt"
(cd "$out" && sha256sum ./*.mjs)
echo "update the versions and hashes in $out/README.md"
