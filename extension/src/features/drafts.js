// Draft checks while the clinician types (issue 6).
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
'use strict';
