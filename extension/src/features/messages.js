// Messenger: badges on conversation rows and the banner in the open conversation (issue 3).
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
'use strict';
