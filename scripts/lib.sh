# Shared by the scripts: install what a fresh machine lacks, build the parts.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\n== %s\n' "$*" >&2; }

# ensure_chromium installs Debian's Chromium when it is missing, with
# chromium-l10n: without its locale files Chromium's UI language (and so
# chrome.i18n) is always en-US, and the German UI test needs de.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -f /usr/lib/chromium/locales/de.pak ]; then return 0; fi
  log "installing chromium, chromium-driver and chromium-l10n from Debian"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver chromium-l10n >/dev/null
}

# ensure_node_modules installs the pinned npm dev dependencies.
ensure_node_modules() {
  if [ -d "$ROOT/extension/node_modules/playwright-core" ] && [ -d "$ROOT/extension/node_modules/lexical" ] \
     && [ "$ROOT/extension/node_modules/.package-lock.json" -nt "$ROOT/extension/package-lock.json" ]; then
    return 0
  fi
  log "installing npm dev dependencies (extension/package-lock.json)"
  (cd "$ROOT/extension" && npm ci --no-audit --no-fund --loglevel=error)
}

build_extension() {
  log "building the extension"
  "$ROOT/scripts/build"
}

build_testbed() {
  log "building the testbed server"
  (cd "$ROOT" && go build -o build/testbed ./wasm/cmd/testbed)
  if [ -x "$ROOT/scripts/build-testbed-composer" ]; then
    "$ROOT/scripts/build-testbed-composer"
  fi
}

# --- clinic policy Worker (issue 5) ---
WORKER_DIR="$ROOT/wasm/cmd/worker"
WORKER_BUILD="$ROOT/build/worker"

# ensure_wrangler checks that the pinned wrangler (extension/package.json)
# is installed and runs on this node.
ensure_wrangler() {
  ensure_node_modules
  if [ ! -x "$ROOT/extension/node_modules/.bin/wrangler" ]; then
    (cd "$ROOT/extension" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  "$ROOT/extension/node_modules/.bin/wrangler" --version >/dev/null
}

# build_worker writes build/worker/{worker.mjs,runtime.mjs,wasm_exec.js,app.wasm}.
build_worker() {
  log "building the policy Worker (workers-assets-gen -mode=go, Go wasm)"
  (cd "$ROOT" && go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$WORKER_BUILD" \
    && GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$WORKER_BUILD/app.wasm" ./wasm/cmd/worker)
  echo "built $WORKER_BUILD/app.wasm ($(wc -c < "$WORKER_BUILD/app.wasm") bytes)" >&2
}

# ensure_firefox installs Debian's Firefox ESR when it is missing (the
# Firefox tier of scripts/test drives it over WebDriver BiDi, no geckodriver).
ensure_firefox() {
  if [ -x /usr/bin/firefox-esr ]; then return 0; fi
  log "installing firefox-esr from Debian"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq firefox-esr >/dev/null
}
