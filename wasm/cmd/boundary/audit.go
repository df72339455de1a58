package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/audit/report"
)

func init() {
	register(command{
		name:  "audit",
		usage: "audit --url URL FILE.html [--url URL FILE.html ...] [--html OUT.html]: privacy self-audit of saved settings pages",
		run:   cmdAudit,
	})
}

// cmdAudit answers the privacy checks a saved page can answer. With one
// page it prints that page's result; with several (each preceded by its
// --url) it prints the merged report, and --html writes it as a page.
func cmdAudit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("audit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var urls []string
	fl.Func("url", "the address the page was saved from (decides which checks it answers)", func(s string) error {
		urls = append(urls, s)
		return nil
	})
	htmlOut := fl.String("html", "", "also write the merged report as printable HTML to this file")
	files, err := parseInterleaved(fl, args)
	if err != nil {
		return 2
	}
	if len(files) == 0 || len(urls) != len(files) {
		fmt.Fprintln(stderr, "usage: boundary audit --url URL FILE.html [--url URL FILE.html ...] [--html OUT.html]")
		return 2
	}
	checks, err := audit.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary: audit checks:", err)
		return 1
	}
	var pages []audit.PageResult
	for i, f := range files {
		doc, err := readPage(f, urls[i], stdin)
		if err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
		pages = append(pages, checks.Run(doc))
	}
	if len(pages) == 1 && *htmlOut == "" {
		stdout.Write(append(pages[0].JSON(), '\n'))
		return 0
	}
	rep := checks.Merge(pages)
	if *htmlOut != "" {
		out := report.HTML(checks, rep, report.Options{Generated: time.Now().UTC().Format("2 January 2006 15:04 MST")})
		if err := os.WriteFile(*htmlOut, out, 0o600); err != nil {
			fmt.Fprintln(stderr, "boundary:", err)
			return 1
		}
	}
	if len(pages) == 1 {
		stdout.Write(append(pages[0].JSON(), '\n'))
	} else {
		stdout.Write(append(rep.JSON(), '\n'))
	}
	return 0
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments ("PATH --html OUT"); package flag alone stops at the
// first positional one.
func parseInterleaved(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
