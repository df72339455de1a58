package patients

import (
	"errors"
	"strconv"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/tidwall/gjson"
)

// storageVersion is the format EncodeEntries writes. DecodeEntries refuses
// other versions rather than guess.
const storageVersion = 1

// EncodeEntries writes entries as JSON for browser storage:
//
//	{"version":1,"entries":[{"last":"Smith","first":"Jane","middle":"Anne","display":"Smith, Jane Anne"}]}
//
// "middle" is left out when empty.
func EncodeEntries(entries []Entry) []byte {
	var w jsonw.Writer
	w.BeginObject().FieldInt("version", storageVersion).Key("entries").BeginArray()
	for _, e := range entries {
		w.BeginObject().FieldString("last", e.Last).FieldString("first", e.First)
		if e.Middle != "" {
			w.FieldString("middle", e.Middle)
		}
		w.FieldString("display", e.Display).EndObject()
	}
	w.EndArray().EndObject()
	return w.Bytes()
}

// DecodeEntries reads what EncodeEntries wrote. Damaged or foreign data
// gives an error, never a panic and never a partial list.
func DecodeEntries(data []byte) ([]Entry, error) {
	if !gjson.ValidBytes(data) {
		return nil, errors.New("the stored patient list is damaged (not valid JSON); import the list again")
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return nil, errors.New("the stored patient list is damaged (not a JSON object); import the list again")
	}
	v := root.Get("version")
	if v.Type != gjson.Number || v.Raw != strconv.Itoa(storageVersion) {
		return nil, errors.New("the stored patient list has an unknown version " + strconv.Quote(v.Raw) + "; import the list again")
	}
	list := root.Get("entries")
	if !list.IsArray() {
		return nil, errors.New("the stored patient list is damaged (no entries); import the list again")
	}
	var out []Entry
	var err error
	n := 0
	list.ForEach(func(_, item gjson.Result) bool {
		n++
		where := "entry " + strconv.Itoa(n)
		if n > MaxRows {
			err = errors.New("the stored patient list has more than 100,000 entries")
			return false
		}
		if !item.IsObject() {
			err = errors.New("the stored patient list is damaged: " + where + " is not an object")
			return false
		}
		var e Entry
		for _, f := range [...]struct {
			key string
			dst *string
		}{{"last", &e.Last}, {"first", &e.First}, {"middle", &e.Middle}, {"display", &e.Display}} {
			r := item.Get(f.key)
			switch r.Type {
			case gjson.Null:
				if r.Exists() {
					err = errors.New("the stored patient list is damaged: " + where + " has a null " + f.key)
					return false
				}
			case gjson.String:
				*f.dst = r.String()
			default:
				err = errors.New("the stored patient list is damaged: " + where + " has a " + f.key + " that is not text")
				return false
			}
		}
		if e.Last == "" && e.First == "" {
			err = errors.New("the stored patient list is damaged: " + where + " has no name")
			return false
		}
		out = append(out, e)
		return true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
