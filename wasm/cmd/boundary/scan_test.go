package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/testbed"
)

type scanOut struct {
	Page  string           `json:"page"`
	Items []map[string]any `json:"items"`
}

func runScan(t *testing.T, host, path string, extra ...string) scanOut {
	t.Helper()
	html, err := testbed.Render(host, path)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, html, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := append([]string{"scan", "--url", "https://" + host + path}, extra...)
	if code := run(append(args, file), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("scan exited %d: %s", code, errb.String())
	}
	if bytes.Count(out.Bytes(), []byte("\n")) != 1 {
		t.Fatalf("scan output is not one line: %q", out.String())
	}
	var res scanOut
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("scan output is not JSON: %v", err)
	}
	return res
}

// TestScanMessengerContract: on a Messenger conversation, scan prints
// items of kind thread (one per list row, one for the open conversation)
// and message (one per bubble), each with exactly the contract's fields.
func TestScanMessengerContract(t *testing.T) {
	const chest = "100060959803213" // Dr. Bob Jones, chest pain: an emergency
	res := runScan(t, "www.facebook.com", "/messages/t/"+chest+"/", "--patients", "../../testbed/data/patients.csv")
	if res.Page != "messenger_thread" {
		t.Fatalf("page: got %q want messenger_thread", res.Page)
	}
	threadKeys := "category,clinical,e2ee,emergency,kind,match,messages,name,reasons,request,rules,score,surface,thread_id,unread"
	messageKeys := "category,clinical,e2ee,emergency,kind,match,name,outgoing,reasons,request,rules,score,sender,sent_at,surface,text,thread_id,unread"
	var rows, convs, msgs int
	for _, it := range res.Items {
		switch it["kind"] {
		case "thread":
			if got := keys(it); got != threadKeys {
				t.Errorf("thread item keys: got %s want %s", got, threadKeys)
			}
			if it["surface"] == "row" {
				rows++
			} else {
				convs++
				if it["thread_id"] != chest || it["category"] != "emergency" || it["emergency"] != true || it["clinical"] != true {
					t.Errorf("open conversation: %v", it)
				}
				if !strings.HasPrefix(it["match"].(string), "Jones, Robert") {
					t.Errorf("open conversation matched %q", it["match"])
				}
			}
		case "message":
			msgs++
			if got := keys(it); got != messageKeys {
				t.Errorf("message item keys: got %s want %s", got, messageKeys)
			}
			if it["sent_at"] == "" {
				t.Errorf("message without a time: %v", it)
			}
		default:
			t.Errorf("unexpected item kind %v", it["kind"])
		}
	}
	if rows != 12 || convs != 1 || msgs != 2 {
		t.Errorf("got %d rows, %d conversations, %d messages; want 12, 1, 2", rows, convs, msgs)
	}
}

// TestScanMessageRequests: rows of the requests folder are message
// requests, and say so in their reasons.
func TestScanMessageRequests(t *testing.T) {
	res := runScan(t, "www.messenger.com", "/requests/?locale=de_DE")
	if res.Page != "message_requests" || len(res.Items) != 5 {
		t.Fatalf("got page %q with %d items, want message_requests with 5", res.Page, len(res.Items))
	}
	for _, it := range res.Items {
		if it["request"] != true {
			t.Errorf("%v: not a request", it["name"])
		}
		found := false
		for _, r := range it["reasons"].([]any) {
			found = found || strings.Contains(r.(string), "message request")
		}
		if !found {
			t.Errorf("%v: no message-request reason in %v", it["name"], it["reasons"])
		}
	}
}
