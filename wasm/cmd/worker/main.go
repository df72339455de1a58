//go:build js && wasm

// Command worker is the clinic policy service as a Cloudflare Worker: the
// wasm/policy handler with D1 for storage, the Worker's variables and
// secrets for configuration, and the Workers fetch API for the Messenger
// Send API. It only wires things together; the logic and its tests live in
// wasm/policy. Build and run it with scripts/worker-dev.
package main

import (
	"errors"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"syscall/js"
	_ "time/tzdata" // the Workers runtime has no zoneinfo files; clinic hours need the zones

	"github.com/boundaryhq/boundary/wasm/policy"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
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

// send makes an outgoing request with the Workers fetch API, called
// directly: the syumai fetch client calls fetch with globalThis as `this`,
// which workerd refuses ("Illegal invocation"). Redirects are not followed
// (workerd has no "error" mode; a 3xx is not a 2xx, so send fails): the
// Send API never redirects, and a redirect would carry the Page token
// elsewhere.
func send(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		body = b
	}
	headers := js.Global().Get("Headers").New()
	for k, vs := range r.Header {
		for _, v := range vs {
			headers.Call("append", k, v)
		}
	}
	init := map[string]any{"method": r.Method, "headers": headers, "redirect": "manual"}
	if body != nil {
		init["body"] = string(body)
	}
	res, err := await(js.Global().Get("fetch").Invoke(r.URL.String(), init))
	if err != nil {
		return nil, err
	}
	text, err := await(res.Call("text"))
	if err != nil {
		return nil, err
	}
	status := res.Get("status").Int()
	return &http.Response{
		Status:     strconv.Itoa(status) + " " + res.Get("statusText").String(),
		StatusCode: status,
		Header:     http.Header{},
		Body:       io.NopCloser(strings.NewReader(text.String())),
		Request:    r,
	}, nil
}

// await waits for a JS promise.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: errors.New("fetch: " + args[0].Call("toString").String())}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
