#!/usr/bin/env bash
# Builds dist/ — the widget (dist/policy-search.js), its index and the demo pages — and serves it at
# http://127.0.0.1:PORT (PORT defaults to 8737; pass another as $1). Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8737}
scripts/setup.sh
cargo run --release --quiet -- data build
scripts/build-web.sh dist
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "demo: port $port is taken; run scripts/demo.sh ANOTHER_PORT" >&2
  exit 1
fi
echo "demo: 演示门户 http://127.0.0.1:$port/index.html   JS API 示例 http://127.0.0.1:$port/api.html" >&2
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
