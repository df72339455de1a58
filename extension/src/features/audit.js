// Privacy audit: reads the settings and About pages when the service worker asks (issue 4).
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
'use strict';
