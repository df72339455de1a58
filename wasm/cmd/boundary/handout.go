package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/replies"
)

func init() {
	register(command{
		name:  "handout",
		usage: "handout --profile PROFILE.json [--lang en] [--paper a4|letter] > handout.html: a printable \"how to reach us\" notice",
		run:   cmdHandout,
	})
}

// cmdHandout checks the flags and renders the notice with the same writer
// the options page uses (replies.(*Library).Handout).
func cmdHandout(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("handout", flag.ContinueOnError)
	fl.SetOutput(stderr)
	profilePath := fl.String("profile", "", "the clinic profile, JSON")
	lang := fl.String("lang", "", "language of the notice: en or de (default: the profile's)")
	paper := fl.String("paper", "", "a4 or letter (default: the country's usual paper)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *profilePath == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: boundary handout --profile PROFILE.json [--lang en] [--paper a4|letter] > handout.html")
		return 2
	}
	p, code := readProfileFile(*profilePath, "handout", stderr)
	if p == nil {
		return code
	}
	if *lang != "" && !slices.Contains(replies.HandoutLanguages(), *lang) {
		fmt.Fprintf(stderr, "boundary handout: no handout text in %q; use %s\n", *lang, strings.Join(replies.HandoutLanguages(), " or "))
		return 2
	}
	if pp := strings.ToLower(*paper); pp != "" && pp != "a4" && pp != "letter" {
		fmt.Fprintln(stderr, "boundary handout: --paper must be a4 or letter")
		return 2
	}
	lib, err := replies.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary handout:", err)
		return 1
	}
	if err := lib.Handout(stdout, p, *lang, *paper); err != nil {
		fmt.Fprintln(stderr, "boundary handout:", err)
		return 1
	}
	return 0
}
