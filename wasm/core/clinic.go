package core

import (
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/triage"
)

// SetClinic gives the engine the clinic's hours and the user's time zone.
//
// The browser core carries no time zone database: time/tzdata would add
// 380 KB raw (108 KB gzipped, measured) to a module every Facebook tab
// loads. The extension instead
// passes the browser's zone name and its current UTC offset, and the
// engine uses that fixed offset. Messages are triaged as they arrive, so
// today's offset is the right one; only a message from before a daylight-
// saving change, read after it, is judged an hour off. A profile naming
// another zone uses its utc_offset fallback when the zone cannot be loaded.
//
// It answers {"hours": description, "zone": name} or {"error": …}; a
// profile that cannot be read leaves the default hours in place.
func SetClinic(e *Engine, profile []byte, zone, offsetMinutes string) string {
	var w jsonw.Writer
	local := time.Local
	if off, err := strconv.Atoi(strings.TrimSpace(offsetMinutes)); err == nil && off > -15*60 && off < 15*60 {
		name := zone
		if name == "" {
			name = "UTC" + offsetString(off)
		}
		local = time.FixedZone(name, off*60)
	}
	e.SetLocalZone(local)
	e.SetClinicHours(nil)
	w.BeginObject()
	if len(strings.TrimSpace(string(profile))) > 0 {
		p, errs := clinic.ParseProfile(profile)
		zoneErr := false
		var msgs []string
		for _, fe := range errs {
			if fe.Field == "time_zone" {
				zoneErr = true
				continue
			}
			msgs = append(msgs, fe.Error())
		}
		switch {
		case p == nil:
			w.FieldString("error", "clinic profile: "+strings.Join(msgs, "; "))
		case p.Hours != nil:
			h := p.Hours
			if h.Loc == nil || zoneErr {
				// No zone database here: the browser's own zone is the
				// clinic's when the names agree, and the best guess when
				// the profile names none.
				if p.TimeZone == "" || p.TimeZone == zone || zoneErr && p.UTCOffset == "" {
					h.Loc = local
				}
				if zoneErr && p.UTCOffset != "" {
					if hh, err := clinic.Parse([]byte(`{"tz":"` + jsonEscape(p.TimeZone) + `","utc_offset":"` + jsonEscape(p.UTCOffset) + `"}`)); err == nil {
						h.Loc = hh.Loc
					}
				}
			}
			e.SetClinicHours(h)
		}
		if len(msgs) > 0 && p != nil {
			w.FieldString("warning", strings.Join(msgs, "; "))
		}
	}
	w.FieldString("hours", e.clinicHours().Describe("en"))
	w.FieldString("zone", local.String())
	return w.EndObject().String()
}

func offsetString(min int) string {
	sign := "+"
	if min < 0 {
		sign, min = "-", -min
	}
	return sign + pad2(min/60) + ":" + pad2(min%60)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func jsonEscape(s string) string {
	var w jsonw.Writer
	w.String_(s)
	out := w.String()
	return out[1 : len(out)-1]
}

// ClassifyJSONL triages JSON Lines ({"id", "text", "sent_at"?, "sender"?,
// "request"?}) and returns one verdict line per input line, as `boundary
// classify` does; the extension's benchmark uses it to measure triage
// throughput inside WebAssembly.
func ClassifyJSONL(e *Engine, data string) string {
	var out strings.Builder
	var w jsonw.Writer
	hours := e.clinicHours()
	for len(data) > 0 {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		w.Reset()
		w.BeginObject()
		if !gjson.Valid(line) {
			w.FieldString("error", "not valid JSON").EndObject()
			out.Write(w.Bytes())
			out.WriteByte('\n')
			continue
		}
		v := gjson.Parse(line)
		w.FieldString("id", v.Get("id").String())
		text := v.Get("text")
		if text.Type != gjson.String {
			w.FieldString("error", "text must be a string").EndObject()
			out.Write(w.Bytes())
			out.WriteByte('\n')
			continue
		}
		m := triage.Message{ID: v.Get("id").String(), Text: text.Str, Sender: v.Get("sender").String(), Request: v.Get("request").Bool(), Incoming: true}
		if s := v.Get("sent_at").String(); s != "" {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				m.SentAt = t
			}
		}
		ctx := triage.Context{Hours: hours}
		if m.Sender != "" {
			if pm, ok := e.dir.Match(m.Sender); ok {
				ctx.SenderMatch = matchReason(pm.Entry.Display)
			}
		}
		r := e.Triage().Classify(m, ctx)
		w.FieldString("category", r.Category).
			FieldBool("clinical", r.Clinical).
			FieldFloat("score", r.Score).
			FieldStrings("reasons", nonNil(r.Reasons)).
			EndObject()
		out.Write(w.Bytes())
		out.WriteByte('\n')
	}
	return out.String()
}
