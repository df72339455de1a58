// loadCore starts the Go core in an extension page (options, popup,
// offscreen). wasm_exec.js must be loaded first, as a classic script.
import './go-start.js';

let started = null;

export function loadCore() {
  if (!started) {
    started = WebAssembly.compileStreaming(fetch(chrome.runtime.getURL('core.wasm')))
      .then((module) => globalThis.BoundaryGo.start(module));
  }
  return started;
}
