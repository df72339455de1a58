package core

import (
	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/why"
)

// previewRows is how many rows the options page shows before import.
const previewRows = 8

// CSVPreview reads a practice-system export and describes it for the
// column-mapping step: header, a few rows and the guessed mapping. Errors
// come back as {"error": "...", "error_why": {"key", "args"}} so the page
// can show them, in the browser's language, and keep the old list.
func CSVPreview(data []byte) string {
	var w jsonw.Writer
	t, err := patients.ReadTable(data)
	if err != nil {
		return writeError(&w, err)
	}
	m := patients.GuessMapping(t)
	w.BeginObject().FieldStrings("header", t.Header).Key("rows").BeginArray()
	for i, r := range t.Rows {
		if i == previewRows {
			break
		}
		w.Strings(r)
	}
	w.EndArray().
		FieldInt("total", int64(len(t.Rows))).
		FieldString("separator", string(rune(t.Separator))).
		FieldBool("bom", t.HadBOM)
	w.Key("mapping")
	writeMapping(&w, m)
	if err := m.Validate(t); err != nil {
		w.FieldString("mapping_error", err.Error())
		why.Of(err).WriteJSON(w.Key("mapping_error_why"))
	}
	return w.EndObject().String()
}

// CSVImport imports with the mapping the user confirmed and returns
// {"stored": <what to keep in storage>, "count", "skipped": [{"row",
// "reason", "why"}], "sample": [...]}, or an error as CSVPreview does.
func CSVImport(data, mapping []byte) string {
	var w jsonw.Writer
	t, err := patients.ReadTable(data)
	if err != nil {
		return writeError(&w, err)
	}
	m := patients.GuessMapping(t)
	if len(mapping) > 0 {
		if !gjson.ValidBytes(mapping) {
			return writeError(&w, why.Err("msg_csv_mapping_json"))
		}
		mv := gjson.ParseBytes(mapping)
		col := func(key string, def int) int {
			if v := mv.Get(key); v.Exists() {
				return int(v.Int())
			}
			return def
		}
		m.First, m.Last, m.Middle, m.Name = col("first", m.First), col("last", m.Last), col("middle", m.Middle), col("name", m.Name)
		if o := mv.Get("order"); o.Exists() {
			m.NameOrder = o.String()
		}
	}
	if err := m.Validate(t); err != nil {
		return writeError(&w, err)
	}
	entries, skipped := patients.Import(t, m)
	if len(entries) == 0 {
		return writeError(&w, why.Err("msg_csv_no_names"))
	}
	w.BeginObject().
		FieldString("stored", string(patients.EncodeEntries(entries))).
		FieldInt("count", int64(len(entries))).
		Key("skipped").BeginArray()
	for _, s := range skipped {
		w.BeginObject().FieldInt("row", int64(s.Row)).FieldString("reason", s.Reason)
		s.Why.WriteJSON(w.Key("why"))
		w.EndObject()
	}
	w.EndArray().Key("sample").BeginArray()
	for i, e := range entries {
		if i == previewRows {
			break
		}
		w.String_(e.Display)
	}
	return w.EndArray().EndObject().String()
}

// writeError answers {"error": English, "error_why": {"key", "args"}}.
func writeError(w *jsonw.Writer, err error) string {
	w.BeginObject().FieldString("error", err.Error())
	why.Of(err).WriteJSON(w.Key("error_why"))
	return w.EndObject().String()
}

func writeMapping(w *jsonw.Writer, m patients.Mapping) {
	w.BeginObject().
		FieldInt("first", int64(m.First)).
		FieldInt("last", int64(m.Last)).
		FieldInt("middle", int64(m.Middle)).
		FieldInt("name", int64(m.Name)).
		FieldString("order", m.NameOrder).
		EndObject()
}
