package patients

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/why"
)

// Limits on an imported file. A practice with more patients than this is
// not the clinician's personal list.
const (
	MaxFileBytes = 20 << 20
	MaxRows      = 100000
	MaxColumns   = 500
)

// Table is a CSV file as exported by a practice system.
type Table struct {
	Header    []string   // the first non-blank row, cells trimmed
	Rows      [][]string // the other non-blank rows, cells trimmed
	Separator byte       // ',', ';', '\t' or '|'; 0 when the file has one column
	HadBOM    bool       // the file started with a byte order mark
	Encoding  string     // "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252"
	Warnings  []string   // things the user should check, in plain language
	Lines     []int      // the line of the file where each row starts; nil means row i is on line i+2
}

// Errors that ReadTable returns as they are; others are descriptive. Every
// error ReadTable and Validate return is a why.Error, so the settings page
// can word it in the browser's language.
var (
	ErrEmpty    = why.Err("msg_csv_empty")
	ErrTooLarge = why.Err("msg_csv_too_large")
	ErrBinary   = why.Err("msg_csv_binary")
)

// ReadTable reads a CSV export.
//
// Encoding: UTF-8 with or without a byte order mark, and UTF-16 with a byte
// order mark (Excel's "Unicode Text") or, with a warning, without one when
// the text is mostly ASCII. A file that is not valid UTF-8 is read
// as Windows-1252, the usual encoding of older Western European exports,
// and Warnings says so: the names come through, and the user can check the
// accents in the preview. Excel workbooks, PDFs and other binary files are
// refused with an error that says what to do.
//
// Separator: comma, semicolon, tab or "|", whichever splits the first rows
// into the same number of columns; a first line "sep=;" (written by Excel)
// decides. Fields may be quoted with embedded separators, doubled quotes and
// line breaks. Line ends may be CRLF, LF or CR. Blank lines are skipped.
// Rows with a different number of cells than the header are kept here and
// skipped by Import with a reason.
func ReadTable(data []byte) (*Table, error) {
	if len(data) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	t := &Table{Encoding: "UTF-8"}
	if err := sniffBinary(data); err != nil {
		return nil, err
	}
	var text string
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		t.HadBOM = true
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		t.HadBOM, t.Encoding = true, "UTF-16LE"
		text = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		t.HadBOM, t.Encoding = true, "UTF-16BE"
		text = decodeUTF16(data[2:], true)
	}
	if t.Encoding == "UTF-8" && !t.HadBOM {
		if le, be := utf16NoBOM(data); le || be {
			t.Encoding = "UTF-16LE"
			if be {
				t.Encoding = "UTF-16BE"
			}
			text = decodeUTF16(data, be)
			t.Warnings = append(t.Warnings, "The file is UTF-16 without a byte order mark; it was read as "+t.Encoding+".")
		}
	}
	if t.Encoding == "UTF-8" {
		if utf8.Valid(data) {
			text = string(data)
		} else {
			t.Encoding = "Windows-1252"
			text = decodeWindows1252(data)
			t.Warnings = append(t.Warnings, "The file is not UTF-8, so it was read as Windows-1252 (Western European). Check that names with accents look right; if not, save the file as \"CSV UTF-8\" and import it again.")
		}
	}
	text = strings.TrimRight(text, "\x1a") // a DOS end-of-file mark
	if strings.IndexByte(text, 0) >= 0 || controlRatio(text) {
		return nil, ErrBinary
	}
	if strings.TrimSpace(strings.Trim(text, ",;\t|\r\n\ufeff")) == "" {
		return nil, ErrEmpty
	}
	sep, forced, firstLine := byte(0), false, 1
	line, rest, _ := cutLine(text)
	if l := strings.TrimSpace(line); len(l) == 5 && strings.EqualFold(l[:4], "sep=") && strings.IndexByte(",;\t|", l[4]) >= 0 {
		sep, forced, text, firstLine = l[4], true, rest, 2
	}
	if !forced {
		var err error
		if sep, err = sniffSeparator(text, firstLine); err != nil {
			return nil, err
		}
	}
	t.Separator = sep
	first := true
	err := parseRecords(text, sep, firstLine, func(fields []string, line int) error {
		blank := true
		for i, f := range fields {
			fields[i] = strings.TrimSpace(f)
			blank = blank && fields[i] == ""
		}
		if blank {
			return nil
		}
		fields = append([]string(nil), fields...) // parseRecords reuses its slice
		if first {
			t.Header, first = fields, false
			return nil
		}
		if len(t.Rows) == MaxRows {
			return why.Err("msg_csv_too_many_rows")
		}
		t.Rows = append(t.Rows, fields)
		t.Lines = append(t.Lines, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t.Header == nil {
		return nil, ErrEmpty
	}
	if len(t.Header) == 1 && !looksLikeNames(t) {
		return nil, why.Err("msg_csv_one_column")
	}
	return t, nil
}

// sniffBinary refuses files that are obviously not CSV, saying what they are.
func sniffBinary(data []byte) error {
	s := string(data[:min(len(data), 8)])
	switch {
	case hasPrefix(s, "PK\x03\x04"):
		return why.Err("msg_csv_xlsx")
	case hasPrefix(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"):
		return why.Err("msg_csv_xls")
	case hasPrefix(s, "%PDF"):
		return why.Err("msg_csv_pdf")
	case hasPrefix(s, "{\\rtf"):
		return why.Err("msg_csv_rtf")
	}
	return nil
}

// controlRatio reports whether more than 1% of the first 64 KB are control
// characters other than tab, line breaks and form feed: binary data that
// happens to decode.
func controlRatio(s string) bool {
	n, bad := 0, 0
	for i := 0; i < len(s) && i < 64<<10; i++ {
		c := s[i]
		n++
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			bad++
		}
	}
	return bad > 0 && bad*100 > n
}

// utf16NoBOM reports whether data looks like UTF-16 text without a byte
// order mark: mostly ASCII with a zero byte beside every character.
func utf16NoBOM(data []byte) (le, be bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	return odd*10 >= pairs*9 && even*10 < pairs, even*10 >= pairs*9 && odd*10 < pairs
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// win1252 holds the characters Windows-1252 puts at 0x80–0x9F; the other
// bytes are Latin-1. The five unassigned bytes become U+FFFD.
var win1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

func decodeWindows1252(b []byte) string {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, win1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return string(out)
}

// cutLine splits off the first line.
func cutLine(s string) (line, rest string, found bool) {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s, "", false
	}
	rest = s[i+1:]
	if s[i] == '\r' && strings.HasPrefix(rest, "\n") {
		rest = rest[1:]
	}
	return s[:i], rest, true
}

var separators = [...]byte{',', ';', '\t', '|'}

// sniffSeparator picks the separator that splits the first 50 records,
// header included, into the same number of columns, more than one. A file
// where none does has one column, and 0 is returned. The header must agree
// with the rows: a one-column list of "Smith, Jane" names is not split at
// the commas.
func sniffSeparator(text string, firstLine int) (byte, error) {
	best, bestScore, bestCols := byte(0), 0, 0
	var commaErr error
	for _, sep := range separators {
		var counts []int
		stop := errors.New("enough")
		err := parseRecords(text, sep, firstLine, func(fields []string, _ int) error {
			blank := true
			for _, f := range fields {
				blank = blank && strings.TrimSpace(f) == ""
			}
			if !blank {
				counts = append(counts, len(fields))
			}
			if len(counts) == 50 {
				return stop
			}
			return nil
		})
		if err != nil && err != stop {
			if sep == ',' {
				commaErr = err
			}
			continue
		}
		if len(counts) == 0 || counts[0] < 2 {
			continue
		}
		agree := 0
		for _, c := range counts {
			if c == counts[0] {
				agree++
			}
		}
		// Most rows must agree with the header; a few ragged rows are
		// Import's business.
		if agree*2 < len(counts) {
			continue
		}
		if agree > bestScore || agree == bestScore && counts[0] > bestCols {
			best, bestScore, bestCols = sep, agree, counts[0]
		}
	}
	if best == 0 && commaErr != nil {
		return 0, commaErr // a broken CSV rather than one column
	}
	return best, nil
}

// parseRecords calls fn for each record with its fields and the line it
// starts on, counting from firstLine. fn may change the fields but must copy
// the slice to keep it. With sep 0 each line is one field. Quotes are
// honoured only at the start of a field; text after a closing quote is kept
// as it is.
func parseRecords(text string, sep byte, firstLine int, fn func(fields []string, line int) error) error {
	var fields []string
	var field strings.Builder
	line, start := firstLine, firstLine
	i := 0
	for i <= len(text) {
		// Start of a field: skip blanks before an opening quote.
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' && sep != '\t') {
			j++
		}
		quoted := j < len(text) && text[j] == '"'
		field.Reset()
		if quoted {
			i = j + 1
			qline := line
			for {
				k := strings.IndexByte(text[i:], '"')
				if k < 0 {
					return why.Err("msg_csv_open_quote", strconv.Itoa(qline))
				}
				chunk := text[i : i+k]
				line += countLines(chunk)
				field.WriteString(chunk)
				i += k + 1
				if i < len(text) && text[i] == '"' {
					field.WriteByte('"')
					i++
					continue
				}
				break
			}
		}
		// Unquoted text, or text after the closing quote.
		k := i
		for k < len(text) && text[k] != '\n' && text[k] != '\r' && (sep == 0 || text[k] != sep) {
			k++
		}
		if quoted {
			field.WriteString(text[i:k])
			fields = append(fields, field.String())
		} else {
			fields = append(fields, text[i:k])
		}
		i = k
		if len(fields) > MaxColumns {
			return why.Err("msg_csv_line_columns", strconv.Itoa(start), strconv.Itoa(MaxColumns))
		}
		if i < len(text) && sep != 0 && text[i] == sep {
			i++
			continue
		}
		// End of record.
		if err := fn(fields, start); err != nil {
			return err
		}
		fields = fields[:0]
		if i >= len(text) {
			break
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		i++
		line++
		start = line
		if i == len(text) {
			break
		}
	}
	return nil
}

// countLines counts line breaks (CRLF, LF or CR) in s.
func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// looksLikeNames reports whether a one-column table holds names: most
// cells have letters, and they are short.
func looksLikeNames(t *Table) bool {
	cells, good := 0, 0
	for _, r := range t.Rows {
		if len(r) == 0 || r[0] == "" {
			continue
		}
		cells++
		letters := 0
		for _, c := range r[0] {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c > 0x7F && c != utf8.RuneError {
				letters++
			}
		}
		if letters >= 2 && len(r[0]) <= 120 && letters*2 >= utf8.RuneCountInString(r[0]) {
			good++
		}
	}
	if cells == 0 { // only a header
		return len(t.Header[0]) <= 120
	}
	return good*10 >= cells*8
}

// line returns the line row i starts on.
func (t *Table) line(i int) int {
	if i < len(t.Lines) {
		return t.Lines[i]
	}
	return i + 2
}
