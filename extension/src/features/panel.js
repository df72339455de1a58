// Reply suggestion panel and insertion into the composer (issue 6).
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
'use strict';
