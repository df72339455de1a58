// Package jsonw writes JSON without reflection. The browser core uses it
// instead of encoding/json, which would pull reflect-heavy code into the
// WebAssembly binary; reading JSON is gjson's job.
package jsonw

import (
	"strconv"
	"unicode/utf8"
)

// Writer appends JSON tokens to a byte slice. Commas are placed
// automatically; callers only open, close and name things.
type Writer struct {
	b     []byte
	comma []bool // per open container: whether a value was already written
	key   bool   // a key was just written, so the next value needs no comma
}

// Bytes returns the JSON written so far.
func (w *Writer) Bytes() []byte { return w.b }

// String returns the JSON written so far.
func (w *Writer) String() string { return string(w.b) }

// Reset empties the writer for reuse, keeping its buffer.
func (w *Writer) Reset() { w.b, w.comma, w.key = w.b[:0], w.comma[:0], false }

func (w *Writer) sep() {
	if w.key {
		w.key = false
		return
	}
	if n := len(w.comma); n > 0 {
		if w.comma[n-1] {
			w.b = append(w.b, ',')
		}
		w.comma[n-1] = true
	}
}

func (w *Writer) open(c byte) *Writer {
	w.sep()
	w.b = append(w.b, c)
	w.comma = append(w.comma, false)
	return w
}

func (w *Writer) close(c byte) *Writer {
	w.b = append(w.b, c)
	w.comma = w.comma[:len(w.comma)-1]
	return w
}

func (w *Writer) BeginObject() *Writer { return w.open('{') }
func (w *Writer) EndObject() *Writer   { return w.close('}') }
func (w *Writer) BeginArray() *Writer  { return w.open('[') }
func (w *Writer) EndArray() *Writer    { return w.close(']') }

// Key writes an object key; the next call writes its value.
func (w *Writer) Key(k string) *Writer {
	w.sep()
	w.b = AppendString(w.b, k)
	w.b = append(w.b, ':')
	w.key = true
	return w
}

func (w *Writer) String_(s string) *Writer { w.sep(); w.b = AppendString(w.b, s); return w }
func (w *Writer) Bool(v bool) *Writer      { w.sep(); w.b = strconv.AppendBool(w.b, v); return w }
func (w *Writer) Int(v int64) *Writer      { w.sep(); w.b = strconv.AppendInt(w.b, v, 10); return w }
func (w *Writer) Null() *Writer            { w.sep(); w.b = append(w.b, "null"...); return w }

// Float writes v with at most 3 decimals, which is all a score needs and
// keeps outputs stable across platforms.
func (w *Writer) Float(v float64) *Writer {
	w.sep()
	w.b = strconv.AppendFloat(w.b, float64(int64(v*1000+0.5))/1000, 'f', -1, 64)
	return w
}

// Raw writes already-encoded JSON as one value.
func (w *Writer) Raw(j []byte) *Writer { w.sep(); w.b = append(w.b, j...); return w }

// Strings writes an array of strings; nil becomes [].
func (w *Writer) Strings(ss []string) *Writer {
	w.BeginArray()
	for _, s := range ss {
		w.String_(s)
	}
	return w.EndArray()
}

// Field helpers write a key and a value in one call.
func (w *Writer) FieldString(k, v string) *Writer    { return w.Key(k).String_(v) }
func (w *Writer) FieldBool(k string, v bool) *Writer { return w.Key(k).Bool(v) }
func (w *Writer) FieldInt(k string, v int64) *Writer { return w.Key(k).Int(v) }
func (w *Writer) FieldFloat(k string, v float64) *Writer {
	return w.Key(k).Float(v)
}
func (w *Writer) FieldStrings(k string, v []string) *Writer { return w.Key(k).Strings(v) }

const hex = "0123456789abcdef"

// AppendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, and
// <, >, & and the line separators are escaped so that output is safe to embed
// anywhere, including inside an HTML report.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
