package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func baseManifest(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPatchFirefox(t *testing.T) {
	base := baseManifest(t)
	ff := patch(base, "firefox")
	bg := ff["background"].(map[string]any)
	if _, ok := bg["service_worker"]; ok {
		t.Errorf("Firefox background has a service_worker: %v", bg)
	}
	// The background page hosts the core (no offscreen API): the Go
	// runtime loads before the module that uses it.
	if got, want := bg["scripts"], []string{"wasm_exec.js", "src/sw.js"}; !reflect.DeepEqual(got, want) {
		t.Errorf("background scripts: got %v, want %v", got, want)
	}
	for _, p := range ff["permissions"].([]any) {
		if p == "offscreen" {
			t.Error("Firefox permissions keep offscreen")
		}
	}
	if _, ok := ff["minimum_chrome_version"]; ok {
		t.Error("Firefox manifest keeps minimum_chrome_version")
	}
	gecko := ff["browser_specific_settings"].(map[string]any)["gecko"].(map[string]any)
	if gecko["id"] != "boundary@boundaryhq.example" {
		t.Errorf("gecko id: got %v", gecko["id"])
	}
	for _, w := range ff["web_accessible_resources"].([]any) {
		if _, ok := w.(map[string]any)["use_dynamic_url"]; ok {
			t.Error("Firefox web_accessible_resources keep use_dynamic_url")
		}
	}
}

func TestPatchChromeUnchanged(t *testing.T) {
	base := baseManifest(t)
	if got := patch(base, "chrome"); !reflect.DeepEqual(got, base) {
		t.Errorf("Chrome manifest differs from manifest.json: %v", got)
	}
}
