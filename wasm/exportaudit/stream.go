package exportaudit

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Fix repairs Facebook's export mojibake: the exporter escapes every UTF-8
// byte as its own \u00XX, so "ñ" arrives as "Ã±". When every code point of
// s is at most 0xFF, the code points are taken as bytes; the result is kept
// only if it is valid UTF-8, so correctly encoded Latin-1 text ("é" alone)
// is left as it was.
func Fix(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return s
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// decoder wraps json.Decoder with the few moves the readers need.
type decoder struct{ *json.Decoder }

func newDecoder(r io.Reader) decoder { return decoder{json.NewDecoder(r)} }

func (d decoder) delim(want json.Delim) error {
	t, err := d.Token()
	if err != nil {
		return err
	}
	if got, ok := t.(json.Delim); !ok || got != want {
		return errors.New("unexpected JSON: wanted " + string(want))
	}
	return nil
}

// skip consumes one value of any size token by token, so an unneeded
// array of a million entries costs no memory.
func (d decoder) skip() error {
	depth := 0
	for {
		t, err := d.Token()
		if err != nil {
			return err
		}
		if dl, ok := t.(json.Delim); ok {
			switch dl {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// records streams the records of a file that is either a top-level array
// or an object whose key (one of keys) holds the array. each decodes one
// record from the decoder; other keys are skipped. found reports whether
// any of keys (or the top-level array) was there.
func records(r io.Reader, keys []string, each func(d decoder) error) (found bool, err error) {
	d := newDecoder(r)
	t, err := d.Token()
	if err != nil {
		return false, err
	}
	dl, _ := t.(json.Delim)
	switch dl {
	case '[':
		for d.More() {
			if err := each(d); err != nil {
				return true, err
			}
		}
		return true, d.delim(']')
	case '{':
	default:
		return false, errors.New("unexpected JSON: wanted an object or an array")
	}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return found, err
		}
		key, _ := t.(string)
		if !contains(keys, key) {
			if err := d.skip(); err != nil {
				return found, err
			}
			continue
		}
		t, err = d.Token()
		if err != nil {
			return found, err
		}
		if dl, ok := t.(json.Delim); !ok || dl != '[' {
			return found, errors.New(key + " is not a list")
		}
		found = true
		for d.More() {
			if err := each(d); err != nil {
				return found, err
			}
		}
		if err := d.delim(']'); err != nil {
			return found, err
		}
	}
	return found, d.delim('}')
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// wordLists are read from rules/audit/_export.json.
type wordLists struct {
	work, training, phrases []string
}

func loadWords(fsys fs.FS) (wordLists, error) {
	data, err := fs.ReadFile(fsys, "audit/_export.json")
	if err != nil {
		return wordLists{}, err
	}
	var raw struct {
		Work     map[string][]string `json:"clinical_work"`
		Training map[string][]string `json:"clinical_training"`
		Phrases  map[string][]string `json:"clinical_phrases"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return wordLists{}, errors.New("rules/audit/_export.json: " + err.Error())
	}
	flat := func(m map[string][]string) []string {
		var out []string
		for _, lang := range []string{"en", "de"} {
			for _, w := range m[lang] {
				out = append(out, strings.ToLower(w))
			}
		}
		return out
	}
	w := wordLists{flat(raw.Work), flat(raw.Training), flat(raw.Phrases)}
	if len(w.work) == 0 || len(w.training) == 0 || len(w.phrases) == 0 {
		return w, errors.New("rules/audit/_export.json: word lists are empty")
	}
	return w, nil
}

// words splits text into lower-case words, keeping letters, digits and
// apostrophes, with a space before each so that " word" finds word starts.
func words(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		if r == '\'' || r == '\u2019' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 0x7F && isLetter(r) {
			if r == '\u2019' {
				r = '\''
			}
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func isLetter(r rune) bool {
	return r != 0xA0 && r != 0x2028 && r != 0x2029 && !(r >= 0x2000 && r <= 0x206F)
}

// prefixHits returns the entries of list that start a word of text (list
// entries may be phrases).
func prefixHits(text string, list []string) []string {
	w := words(text)
	var out []string
	for _, p := range list {
		if strings.Contains(w, " "+p) {
			out = append(out, p)
		}
	}
	return out
}

// wordHits returns the entries of list that appear in text as whole words
// or phrases.
func wordHits(text string, list []string) []string {
	w := words(text)
	var out []string
	for _, p := range list {
		if strings.Contains(w, " "+p+" ") {
			out = append(out, p)
		}
	}
	return out
}

// KeywordClassifier is the fallback Classifier: it flags text holding one
// of the clinical phrases in rules/audit/_export.json. It is cruder than
// the triage classifier and meant only for when that is not available.
type KeywordClassifier struct{ phrases []string }

// NewKeywordClassifier loads the phrase list from the rules tree.
func NewKeywordClassifier(fsys fs.FS) (KeywordClassifier, error) {
	w, err := loadWords(fsys)
	return KeywordClassifier{w.phrases}, err
}

func (k KeywordClassifier) Clinical(text string) (string, []string, bool) {
	if text == "" {
		return "", nil, false
	}
	hits := wordHits(text, k.phrases)
	if len(hits) == 0 {
		return "", nil, false
	}
	rs := make([]string, len(hits))
	for i, h := range hits {
		rs[i] = "mentions \"" + h + "\""
	}
	return "clinical", rs, true
}
