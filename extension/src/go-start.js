// Starts the Go core from a compiled WebAssembly module and resolves with
// globalThis.boundaryCore once the Go side says it is ready. Written to work
// both as a classic script (content scripts) and as a side-effect module
// import (extension pages, via load-core.js): it only sets a global.
// wasm_exec.js must have defined Go first.
globalThis.BoundaryGo = {
  // Batched reads for wasm/jsdom: one call answers for many nodes, where a
  // call per node would cross the WebAssembly boundary a hundred times.
  // They know no site: the core passes the selectors. An invalid selector
  // gives null, which the Go side treats as no answer.
  dom: Object.freeze({
    // relevant returns a string with '1' for each root that matches sel,
    // holds a match or (when up is not empty) sits inside a match of up.
    relevant(roots, sel, up) {
      try {
        let out = '';
        for (const r of roots) out += r.matches(sel) || r.querySelector(sel) || (up && r.closest(up)) ? '1' : '0';
        return out;
      } catch {
        return null;
      }
    },
    // queryAllIn returns, root by root, the root when it matches sel and
    // then its matching descendants.
    queryAllIn(roots, sel) {
      try {
        const out = [];
        for (const r of roots) {
          if (r.matches(sel)) out.push(r);
          for (const n of r.querySelectorAll(sel)) out.push(n);
        }
        return out;
      } catch {
        return null;
      }
    },
    // readIn reads, for each node and each i, the attribute attrs[i] (or
    // the text content when it is '') of the node or, when sels[i] is not
    // '', of its first descendant matching sels[i]. The answer is one JSON
    // array, node by node, with null for a missing element or attribute:
    // one string crosses instead of one per value.
    readIn(nodes, sels, attrs) {
      try {
        const out = [];
        for (const n of nodes) {
          for (let i = 0; i < sels.length; i++) {
            const el = sels[i] ? n.querySelector(sels[i]) : n;
            out.push(!el ? null : attrs[i] ? el.getAttribute(attrs[i]) : el.textContent);
          }
        }
        return JSON.stringify(out);
      } catch {
        return null;
      }
    },
    // holderIn returns, for each node, its nearest inclusive ancestor that
    // holds a match of sel, climbing at most limit levels, or null.
    holderIn(nodes, sel, limit) {
      try {
        return nodes.map((el) => {
          for (let n = el, i = 0; n && i <= limit; n = n.parentElement, i++) {
            if (n.querySelector(sel)) return n;
          }
          return null;
        });
      } catch {
        return null;
      }
    },
    // closestIn returns, for each node, node.closest(sel).
    closestIn(nodes, sel) {
      try {
        return nodes.map((n) => n.closest(sel));
      } catch {
        return null;
      }
    },
    // markIn adds the nodes to a WeakSet in order and returns a string with
    // '1' for each node that was not in it yet.
    markIn(set, nodes) {
      let out = '';
      for (const n of nodes) {
        if (set.has(n)) {
          out += '0';
        } else {
          set.add(n);
          out += '1';
        }
      }
      return out;
    },
  }),

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
