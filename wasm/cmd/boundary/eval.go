package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/triage"
)

func init() {
	register(command{
		name:  "eval",
		usage: "eval [--json] [--split test|train|all] FILE.jsonl...: precision and recall of the triage on labelled messages",
		run:   cmdEval,
	})
}

// counts is a confusion table for one yes/no question.
type counts struct{ TP, FP, FN, TN int }

func (c *counts) add(truth, pred bool) {
	switch {
	case truth && pred:
		c.TP++
	case !truth && pred:
		c.FP++
	case truth:
		c.FN++
	default:
		c.TN++
	}
}

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

// metrics are the figures reported for one group. Undefined ones (no
// positives, no negatives) are null in JSON and "-" in text.
type metrics struct {
	N         int      `json:"n"`
	Positives int      `json:"positives"`
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
	FPRate    *float64 `json:"false_positive_rate"`
	TP        int      `json:"tp"`
	FP        int      `json:"fp"`
	FN        int      `json:"fn"`
	TN        int      `json:"tn"`
}

func (c counts) metrics() metrics {
	m := metrics{N: c.TP + c.FP + c.FN + c.TN, Positives: c.TP + c.FN, TP: c.TP, FP: c.FP, FN: c.FN, TN: c.TN}
	m.Precision = ratio(c.TP, c.TP+c.FP)
	m.Recall = ratio(c.TP, c.TP+c.FN)
	m.FPRate = ratio(c.FP, c.FP+c.TN)
	if c.TP > 0 {
		f := 2 * float64(c.TP) / float64(2*c.TP+c.FP+c.FN)
		m.F1 = &f
	} else if c.TP+c.FP+c.FN > 0 {
		f := 0.0
		m.F1 = &f
	}
	return m
}

// evalReport is what --json prints; scripts/bench reads it.
type evalReport struct {
	Split string   `json:"split"`
	Files []string `json:"files"`
	// Clinical is clinical (any category but personal) against personal.
	Clinical metrics `json:"clinical"`
	// Categories are one-against-the-rest over messages labelled with a
	// specific category; messages labelled just "clinical" are left out.
	Categories map[string]metrics `json:"categories"`
	// ClinicalByCategory is, for each true category, how many were called
	// clinical at all (recall) or, for personal, how many were not.
	ClinicalByCategory map[string]metrics `json:"clinical_by_category"`
	Sources            map[string]metrics `json:"sources"`
	Languages          map[string]metrics `json:"languages"`
	Errors             int                `json:"errors"`
}

type labelled struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Label  string `json:"label"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

func cmdEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	split := fl.String("split", "all", "which part of the fixed id-hash split to score: test, train or all")
	misses := fl.Int("show-errors", 0, "also list up to N misclassified messages on stderr")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: boundary eval [--json] [--split test|train|all] FILE.jsonl...")
		return 2
	}
	if *split != "test" && *split != "train" && *split != "all" {
		fmt.Fprintln(stderr, "boundary eval: --split must be test, train or all")
		return 2
	}
	c, err := triage.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary: triage rules:", err)
		return 1
	}
	rep := evalReport{Split: *split, Categories: map[string]metrics{}, ClinicalByCategory: map[string]metrics{},
		Sources: map[string]metrics{}, Languages: map[string]metrics{}}
	var overall counts
	cats := map[string]*counts{}
	for _, cat := range triage.Categories {
		cats[cat] = &counts{}
	}
	byCat, bySource, byLang := map[string]*counts{}, map[string]*counts{}, map[string]*counts{}
	group := func(m map[string]*counts, k string) *counts {
		if m[k] == nil {
			m[k] = &counts{}
		}
		return m[k]
	}
	shown := 0
	for _, name := range fl.Args() {
		rep.Files = append(rep.Files, name)
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
		line := 0
		for sc.Scan() {
			line++
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var m labelled
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.ID == "" || m.Label == "" {
				fmt.Fprintf(stderr, "boundary eval: %s:%d: needs a JSON object with id, text and label\n", name, line)
				rep.Errors++
				continue
			}
			if m.Label != "clinical" && !contains(triage.Categories, m.Label) {
				fmt.Fprintf(stderr, "boundary eval: %s:%d: unknown label %q\n", name, line, m.Label)
				rep.Errors++
				continue
			}
			test := triage.InTestSplit(m.ID)
			if *split == "test" && !test || *split == "train" && test {
				continue
			}
			r := c.Classify(triage.Message{ID: m.ID, Text: m.Text, Incoming: true}, triage.Context{})
			truth := m.Label != "personal"
			overall.add(truth, r.Clinical)
			if m.Source == "" {
				m.Source = "(none)"
			}
			group(bySource, m.Source).add(truth, r.Clinical)
			if m.Lang != "" {
				group(byLang, m.Lang).add(truth, r.Clinical)
			}
			if m.Label != "clinical" {
				for _, cat := range triage.Categories {
					cats[cat].add(m.Label == cat, r.Category == cat)
				}
				if truth {
					group(byCat, m.Label).add(true, r.Clinical)
				} else {
					group(byCat, m.Label).add(false, r.Clinical)
				}
			}
			wrong := truth != r.Clinical || m.Label != "clinical" && m.Label != r.Category
			if wrong && shown < *misses {
				shown++
				fmt.Fprintf(stderr, "%s\t%s → %s %.2f\t%q\t%v\n", m.ID, m.Label, r.Category, r.Score, m.Text, r.Reasons)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			fmt.Fprintf(stderr, "boundary eval: %s: %v\n", name, err)
			return 1
		}
	}
	rep.Clinical = overall.metrics()
	for cat, ct := range cats {
		if ct.TP+ct.FN+ct.FP > 0 {
			rep.Categories[cat] = ct.metrics()
		}
	}
	for k, v := range byCat {
		rep.ClinicalByCategory[k] = v.metrics()
	}
	for k, v := range bySource {
		rep.Sources[k] = v.metrics()
	}
	for k, v := range byLang {
		rep.Languages[k] = v.metrics()
	}
	if *asJSON {
		out, _ := json.MarshalIndent(rep, "", "  ")
		stdout.Write(append(out, '\n'))
		return 0
	}
	writeEvalText(stdout, &rep)
	return 0
}

func writeEvalText(w io.Writer, rep *evalReport) {
	pct := func(p *float64) string {
		if p == nil {
			return "     -"
		}
		return fmt.Sprintf("%6.3f", *p)
	}
	row := func(name string, m metrics) {
		fmt.Fprintf(w, "  %-20s %6d %6d  %s  %s  %s  %s\n", name, m.N, m.Positives, pct(m.Precision), pct(m.Recall), pct(m.F1), pct(m.FPRate))
	}
	head := func(title string) {
		fmt.Fprintf(w, "\n%s\n  %-20s %6s %6s  %6s  %6s  %6s  %6s\n", title, "", "n", "pos", "prec", "recall", "f1", "fpr")
	}
	fmt.Fprintf(w, "split: %s (%s)\n", rep.Split, strings.Join(rep.Files, ", "))
	head("clinical vs personal")
	row("overall", rep.Clinical)
	sections := []struct {
		title string
		m     map[string]metrics
	}{
		{"category (one against the rest, specific labels only)", rep.Categories},
		{"called clinical, by true category", rep.ClinicalByCategory},
		{"clinical vs personal, by source", rep.Sources},
		{"clinical vs personal, by language", rep.Languages},
	}
	for _, s := range sections {
		if len(s.m) == 0 {
			continue
		}
		head(s.title)
		keys := make([]string, 0, len(s.m))
		for k := range s.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			row(k, s.m[k])
		}
	}
	if rep.Errors > 0 {
		fmt.Fprintf(w, "\n%d lines could not be read\n", rep.Errors)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
