#!/usr/bin/env bash
# `npm test`: type-check, build, then every suite (node core, keychain live, renderer, Chromium
# end-to-end, packaging) in one Vitest run inside a private D-Bus session with a throwaway
# gnome-keyring. Ends with the plain line "vitest: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

echo "[test] typecheck"; tsc -b
echo "[test] build"; npm run -s build >/dev/null

mkdir -p out
rm -f out/vitest-report.json
status=0
dbus-run-session -- bash tests/with-keyring.sh \
  vitest run --config build/vitest.config.ts --reporter=default --reporter=json --outputFile.json=out/vitest-report.json "$@" \
  || status=$?
node tests/summary.mjs out/vitest-report.json || status=1
exit "$status"
