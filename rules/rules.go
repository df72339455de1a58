// Package rules embeds Boundary's rule packs: site selectors and UI labels,
// name tables, detection rules, reply templates and audit checks. The packs
// are data; the Go packages under wasm/ load and validate them. This file
// lives here only because go:embed cannot reach a parent directory.
package rules

import "embed"

// FS holds every pack below this directory.
//
//go:embed all:*
var FS embed.FS
