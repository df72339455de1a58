//go:build js && wasm

// Command worker is the clinic policy service as a Cloudflare Worker: the
// wasm/policy handler with D1 for storage, the Worker's variables and
// secrets for configuration, and the Workers fetch API for the Messenger
// Send API. It only wires things together; the logic and its tests live in
// wasm/policy. Build and run it with scripts/worker-dev.
package main

import (
	"log"
	"net/http"
	_ "time/tzdata" // the Workers runtime has no zoneinfo files; clinic hours need the zones

	"github.com/boundaryhq/boundary/wasm/policy"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"
)

// binding is the D1 database's binding name in wrangler.jsonc.
const binding = "DB"

func main() {
	log.SetFlags(0)
	workers.Serve(policy.New(policy.Config{
		Store: &d1Store{binding: binding},
		Env:   cloudflare.Getenv,
		Do:    send,
		Logf:  log.Printf,
	}))
}

// send makes an outgoing request with the Workers fetch API. Redirects are
// refused: the Send API never redirects, and a redirect would carry the
// Page token elsewhere.
func send(r *http.Request) (*http.Response, error) {
	return fetch.NewClient().Do(&fetch.Request{Request: r}, &fetch.RequestInit{Redirect: fetch.RedirectModeError})
}
