package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/exportaudit"
	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/triage"
)

func init() {
	register(command{
		name:  "export-audit",
		usage: "export-audit PATH [--patients FILE.csv] [--html OUT.html]: audit a Facebook \"Download Your Information\" export (zip or folder, JSON format)",
		run:   cmdExportAudit,
	})
}

func cmdExportAudit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("export-audit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	list := fl.String("patients", "", "patient/client list as CSV, to find patients among friends, requests, messages and posts")
	htmlOut := fl.String("html", "", "also write the report as printable HTML to this file")
	pos, err := parseInterleaved(fl, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "usage: boundary export-audit PATH [--patients FILE.csv] [--html OUT.html]")
		return 2
	}
	var o exportaudit.Options
	cls, err := triage.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary: triage rules:", err)
		return 1
	}
	o.Classifier = triageClassifier{cls}
	if *list != "" {
		entries, err := loadPatients(*list, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
		nick, err := names.LoadNicknames(rules.FS)
		if err != nil {
			fmt.Fprintln(stderr, "boundary: nickname tables:", err)
			return 1
		}
		o.Patients = directoryMatcher{patients.NewDirectory(entries, nick)}
	}
	rep, err := exportaudit.Audit(pos[0], o)
	if err != nil {
		fmt.Fprintln(stderr, "boundary:", err)
		return 1
	}
	if *htmlOut != "" {
		f, err := os.OpenFile(*htmlOut, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err == nil {
			err = rep.WriteHTML(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
	}
	if err := rep.WriteJSON(stdout); err != nil {
		fmt.Fprintln(stderr, "boundary:", err)
		return 1
	}
	return 0
}

// directoryMatcher adapts the patient directory to exportaudit.NameMatcher.
type directoryMatcher struct{ d *patients.Directory }

func (m directoryMatcher) Match(name string) (string, []string, bool) {
	r, ok := m.d.Match(name)
	if !ok {
		return "", nil, false
	}
	return r.Entry.Display, r.Reasons, true
}

// triageClassifier adapts the message classifier to exportaudit.Classifier.
type triageClassifier struct{ c *triage.Classifier }

func (t triageClassifier) Clinical(text string) (string, []string, bool) {
	r := t.c.Classify(triage.Message{Text: text}, triage.Context{})
	return r.Category, r.Reasons, r.Clinical
}
