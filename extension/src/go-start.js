// Starts the Go core from a compiled WebAssembly module and resolves with
// globalThis.boundaryCore once the Go side says it is ready. Written to work
// both as a classic script (content scripts) and as a side-effect module
// import (extension pages, via load-core.js): it only sets a global.
// wasm_exec.js must have defined Go first.
globalThis.BoundaryGo = {
  // marks, when given, receives performance.now() at each step of the
  // start (instantiated, main, ready), for __boundaryStats and the bench.
  async start(module, onExit, marks) {
    const mark = (k) => { if (marks) marks[k] = performance.now(); };
    const go = new Go();
    const ready = new Promise((resolve, reject) => {
      globalThis.__boundaryReady = (err) => (err ? reject(new Error(err)) : resolve());
    });
    // The Go main calls this first thing: the time up to it is the Go
    // runtime's own start plus every package's init.
    globalThis.__boundaryMain = () => mark('main');
    const instance = await WebAssembly.instantiate(module, go.importObject);
    mark('instantiated');
    const done = go.run(instance);
    if (onExit) done.then(onExit);
    await ready;
    mark('ready');
    return globalThis.boundaryCore;
  },
};
