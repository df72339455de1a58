package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
	_ "time/tzdata" // clinic hours name IANA zones; the CLI must know them anywhere

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/triage"
	"github.com/boundaryhq/boundary/wasm/why"
	"github.com/tidwall/gjson"
)

func init() {
	register(command{
		name:  "classify",
		usage: "classify [--hours FILE.json] [--tz ZONE] < messages.jsonl: triage each message, one JSON line out per line in",
		run:   cmdClassify,
	})
}

// maxLine is the longest input line classify reads; a longer one gets an
// error line and is skipped, so one runaway line cannot exhaust memory.
const maxLine = 1 << 20

func cmdClassify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("classify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	hoursFile := fl.String("hours", "", "clinic opening hours as JSON (see package clinic); default Mon–Fri 08:00–18:00")
	tz := fl.String("tz", "", "IANA time zone of the clinic, e.g. Europe/London (overrides the hours file's); default the local zone")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: boundary classify [--hours FILE.json] [--tz ZONE] < messages.jsonl")
		return 2
	}
	hours := clinic.Default()
	if *hoursFile != "" {
		data, err := os.ReadFile(*hoursFile)
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
		if hours, err = clinic.Parse(data); err != nil {
			fmt.Fprintf(stderr, "boundary: %s: %v\n", *hoursFile, err)
			return 1
		}
	}
	if *tz != "" {
		loc, err := time.LoadLocation(*tz)
		if err != nil {
			fmt.Fprintf(stderr, "boundary: unknown time zone %q\n", *tz)
			return 2
		}
		hours.Loc = loc
	}
	c, err := triage.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary: triage rules:", err)
		return 1
	}
	in := bufio.NewReaderSize(stdin, 64*1024)
	out := bufio.NewWriterSize(stdout, 64*1024)
	defer out.Flush()
	var w jsonw.Writer
	var line []byte
	for {
		line = line[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := in.ReadSlice('\n')
			if len(line)+len(chunk) > maxLine+1 {
				tooLong = true
			} else {
				line = append(line, chunk...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			rerr = err
			break
		}
		if len(line) == 0 && !tooLong && rerr != nil {
			if rerr != io.EOF {
				fmt.Fprintln(stderr, "boundary: reading input:", rerr)
				return 1
			}
			return 0
		}
		w.Reset()
		if tooLong {
			writeError(&w, gjson.Result{}, "line longer than "+strconv.Itoa(maxLine)+" bytes")
		} else {
			classifyLine(&w, c, hours, trimEOL(line))
		}
		if w.Bytes() != nil {
			out.Write(w.Bytes())
			out.WriteByte('\n')
		}
		if rerr != nil {
			if rerr != io.EOF {
				fmt.Fprintln(stderr, "boundary: reading input:", rerr)
				return 1
			}
			return 0
		}
	}
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// classifyLine writes the verdict on one input line, or an error object. A
// blank line is an error too: output lines must match input lines one to
// one.
func classifyLine(w *jsonw.Writer, c *triage.Classifier, hours *clinic.Hours, line []byte) {
	if !gjson.ValidBytes(line) {
		writeError(w, gjson.Result{}, "not valid JSON")
		return
	}
	v := gjson.ParseBytes(line)
	if !v.IsObject() {
		writeError(w, gjson.Result{}, "each line must be a JSON object")
		return
	}
	id := v.Get("id")
	m, ctx, err := messageFrom(v, hours)
	if err != nil {
		writeError(w, id, err.Error())
		return
	}
	r := c.Classify(m, ctx)
	w.BeginObject()
	w.Key("id")
	writeID(w, id)
	w.FieldString("category", r.Category)
	w.FieldBool("clinical", r.Clinical)
	w.FieldFloat("score", r.Score)
	w.FieldStrings("reasons", r.Reasons)
	w.EndObject()
}

func messageFrom(v gjson.Result, hours *clinic.Hours) (triage.Message, triage.Context, error) {
	m := triage.Message{Incoming: true}
	ctx := triage.Context{Hours: hours}
	if id := v.Get("id"); id.Exists() && id.Type != gjson.String && id.Type != gjson.Number {
		return m, ctx, errors.New("id must be a string or a number")
	}
	m.ID = v.Get("id").String()
	text := v.Get("text")
	if text.Type != gjson.String {
		return m, ctx, errors.New("text must be a string")
	}
	m.Text = text.Str
	if s := v.Get("sender"); s.Exists() && s.Type != gjson.Null {
		if s.Type != gjson.String {
			return m, ctx, errors.New("sender must be a string")
		}
		m.Sender = s.Str
	}
	if s := v.Get("sender_match"); s.Exists() && s.Type != gjson.Null {
		if s.Type != gjson.String {
			return m, ctx, errors.New("sender_match must be a string")
		}
		ctx.SenderMatch = why.Text(s.Str)
	}
	if r := v.Get("request"); r.Exists() && r.Type != gjson.Null {
		if !r.IsBool() {
			return m, ctx, errors.New("request must be true or false")
		}
		m.Request = r.Bool()
	}
	if a := v.Get("attachments"); a.Exists() && a.Type != gjson.Null {
		if a.Type != gjson.Number || a.Num < 0 || a.Num != float64(int(a.Num)) {
			return m, ctx, errors.New("attachments must be a count")
		}
		m.Attachments = int(a.Num)
	}
	if s := v.Get("sent_at"); s.Exists() && s.Type != gjson.Null && s.String() != "" {
		t, err := time.Parse(time.RFC3339, s.String())
		if err != nil {
			return m, ctx, errors.New("sent_at must be an RFC 3339 time like 2026-03-01T21:15:00Z")
		}
		m.SentAt = t
	}
	return m, ctx, nil
}

func writeError(w *jsonw.Writer, id gjson.Result, msg string) {
	w.BeginObject()
	w.Key("id")
	writeID(w, id)
	w.FieldString("error", msg)
	w.EndObject()
}

// writeID echoes the input id as it came: a string stays a string, a number
// a number, anything else (or none) is null.
func writeID(w *jsonw.Writer, id gjson.Result) {
	switch id.Type {
	case gjson.String:
		w.String_(id.Str)
	case gjson.Number:
		w.Raw([]byte(id.Raw))
	default:
		w.Null()
	}
}
