// Generic DOM walks for the Go core, done in JS so that a walk costs one
// call across the WebAssembly boundary instead of one per level. They know
// nothing about any site: the core passes the selectors.
'use strict';

globalThis.BoundaryDOM = Object.freeze({
  // holder returns the nearest inclusive ancestor of el that has a
  // descendant matching sel, climbing at most limit levels, or null.
  holder(el, sel, limit) {
    for (let n = el, i = 0; n && i <= limit; n = n.parentElement, i++) {
      if (n.querySelector(sel)) return n;
    }
    return null;
  },
});
