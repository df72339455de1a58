package core

import (
	"encoding/json"
	"slices"
	"testing"
)

type keyed struct {
	Key  string
	Args []string
}

// TestCSVErrorsKeyed: the import's answers carry every message as English
// and as a key with arguments, for the settings page to word.
func TestCSVErrorsKeyed(t *testing.T) {
	var got struct {
		Error          string
		ErrorWhy       keyed  `json:"error_why"`
		MappingWhy     keyed  `json:"mapping_error_why"`
		MappingErrorEN string `json:"mapping_error"`
		Skipped        []struct {
			Row    int
			Reason string
			Why    keyed
		}
	}
	for _, tc := range []struct {
		name, out, msg string
		why            keyed
	}{
		{"preview of a PDF", CSVPreview([]byte("%PDF-1.7")), "this is a PDF; export the patient list as CSV instead", keyed{"msg_csv_pdf", []string{}}},
		{"import of an open quote", CSVImport([]byte("First,Last\n\"<img src=x onerror=alert(1)>,Smith\n"), nil), "line 2: a quoted field is never closed", keyed{"msg_csv_open_quote", []string{"2"}}},
		{"import with a broken mapping", CSVImport([]byte("First,Last\nJane,Smith\n"), []byte("{")), "the column mapping is not valid JSON", keyed{"msg_csv_mapping_json", []string{}}},
		{"import with a bad mapping", CSVImport([]byte("First,Last\nJane,Smith\n"), []byte(`{"first":0,"last":-1}`)), "choose the surname column too: a first name alone cannot tell patients apart from strangers", keyed{"msg_csv_need_last", []string{}}},
		{"import of no names", CSVImport([]byte("First,Last\nJane,\n"), nil), "no names could be read with this column mapping; the previous list is kept", keyed{"msg_csv_no_names", []string{}}},
	} {
		got.Error, got.ErrorWhy = "", keyed{}
		if err := json.Unmarshal([]byte(tc.out), &got); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.Error != tc.msg || got.ErrorWhy.Key != tc.why.Key || !slices.Equal(got.ErrorWhy.Args, tc.why.Args) {
			t.Errorf("%s: got %q %+v, want %q %+v", tc.name, got.Error, got.ErrorWhy, tc.msg, tc.why)
		}
	}
	if err := json.Unmarshal([]byte(CSVPreview([]byte("First,Notes\nJane,x\n"))), &got); err != nil {
		t.Fatal(err)
	}
	if got.MappingErrorEN != "choose the surname column too: a first name alone cannot tell patients apart from strangers" || got.MappingWhy.Key != "msg_csv_need_last" {
		t.Errorf("preview mapping error: %q %+v", got.MappingErrorEN, got.MappingWhy)
	}
	if err := json.Unmarshal([]byte(CSVImport([]byte("First,Last\nJane,Smith\nMadonna,\n"), nil)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Skipped) != 1 || got.Skipped[0].Reason != "no surname for 'Madonna'" || got.Skipped[0].Why.Key != "msg_csv_skip_no_last" || !slices.Equal(got.Skipped[0].Why.Args, []string{"'Madonna'"}) {
		t.Errorf("skipped: %+v", got.Skipped)
	}
}
