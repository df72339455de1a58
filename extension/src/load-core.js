// loadCore starts the Go core in an extension page (options, popup,
// offscreen). wasm_exec.js must be loaded first, as a classic script.
let started = null;

export function loadCore() {
  if (started) return started;
  started = (async () => {
    const go = new Go();
    const ready = new Promise((resolve, reject) => {
      globalThis.__boundaryReady = (err) => (err ? reject(new Error(err)) : resolve());
    });
    const { instance } = await WebAssembly.instantiateStreaming(fetch(chrome.runtime.getURL('core.wasm')), go.importObject);
    go.run(instance);
    await ready;
    return globalThis.boundaryCore;
  })();
  return started;
}
