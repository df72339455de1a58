// Starts the Go core from a compiled WebAssembly module and resolves with
// globalThis.boundaryCore once the Go side says it is ready. Written to work
// both as a classic script (content scripts) and as a side-effect module
// import (extension pages, via load-core.js): it only sets a global.
// wasm_exec.js must have defined Go first.
globalThis.BoundaryGo = {
  async start(module, onExit) {
    const go = new Go();
    const ready = new Promise((resolve, reject) => {
      globalThis.__boundaryReady = (err) => (err ? reject(new Error(err)) : resolve());
    });
    const instance = await WebAssembly.instantiate(module, go.importObject);
    const done = go.run(instance);
    if (onExit) done.then(onExit);
    await ready;
    return globalThis.boundaryCore;
  },
};
