package jsonw

import (
	"encoding/json"
	"testing"
)

func TestWriterProducesValidJSON(t *testing.T) {
	var w Writer
	w.BeginObject().FieldString("page", "friend_requests").Key("items").BeginArray()
	w.BeginObject().FieldString("name", "<img src=x onerror=alert(1)>\"\\\n\xff").FieldFloat("score", 0.91234).FieldStrings("reasons", nil).FieldBool("ok", true).EndObject()
	w.BeginObject().FieldInt("n", -3).Key("x").Null().EndObject()
	w.EndArray().EndObject()
	var v map[string]any
	if err := json.Unmarshal(w.Bytes(), &v); err != nil {
		t.Fatalf("invalid JSON %s: %v", w.Bytes(), err)
	}
	items := v["items"].([]any)
	first := items[0].(map[string]any)
	if got, want := first["name"], "<img src=x onerror=alert(1)>\"\\\n\ufffd"; got != want {
		t.Errorf("name round trip: got %q want %q", got, want)
	}
	if got := first["score"]; got != 0.912 {
		t.Errorf("score: got %v want 0.912", got)
	}
	if got := string(w.Bytes()); got == "" || containsAny(got, "<>&") {
		t.Errorf("raw output carries unescaped HTML metacharacters: %s", got)
	}
}

func containsAny(s, chars string) bool {
	for i := range s {
		for j := range chars {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}
