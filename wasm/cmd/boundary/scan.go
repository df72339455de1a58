package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/core"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/patients"
)

func init() {
	register(command{
		name:  "scan",
		usage: "scan --url URL [--patients FILE.csv] FILE.html: what Boundary flags on a saved page (friend requests; Messenger threads and messages)",
		run:   cmdScan,
	})
}

func cmdScan(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scan", flag.ContinueOnError)
	fl.SetOutput(stderr)
	url := fl.String("url", "", "the address the page was saved from (decides the site and page kind)")
	list := fl.String("patients", "", "patient/client list as CSV (as exported from a practice system)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 || *url == "" {
		fmt.Fprintln(stderr, "usage: boundary scan --url URL [--patients FILE.csv] FILE.html")
		return 2
	}
	eng, err := core.New(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary: rule pack:", err)
		return 1
	}
	if *list != "" {
		entries, err := loadPatients(*list, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
		eng.SetPatients(entries)
	}
	doc, err := readPage(fl.Arg(0), *url, stdin)
	if err != nil {
		fmt.Fprintln(stderr, "boundary:", err)
		return 1
	}
	root := doc.Root()
	eng.ReadMessengerData(root)
	kind, items := eng.Scan(*url, []page.Node{root}, nil, eng.RelayNames(root))
	var w jsonw.Writer
	core.WriteScan(&w, kind, items)
	stdout.Write(append(w.Bytes(), '\n'))
	return 0
}

// readPage parses a saved page; "-" reads standard input.
func readPage(name, url string, stdin io.Reader) (*htmlpage.Doc, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	doc, err := htmlpage.Parse(r, url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

// loadPatients imports a practice-system CSV with the column mapping the
// options page would guess, and reports skipped rows on stderr.
func loadPatients(name string, stderr io.Writer) ([]patients.Entry, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := patients.ReadTable(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m := patients.GuessMapping(t)
	if err := m.Validate(t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	entries, skipped := patients.Import(t, m)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "boundary: %s row %d skipped: %s\n", name, s.Row, s.Reason)
	}
	if len(entries) == 0 {
		return nil, errors.New(name + ": no patients could be read from this file")
	}
	return entries, nil
}
