package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/replies"
)

func init() {
	register(command{
		name:  "reply",
		usage: "reply --situation ID --profile PROFILE.json [--lang en] [--profession X] [--first-name NAME] [--all] | reply --list: a boundary reply filled in from the clinic profile",
		run:   cmdReply,
	})
}

func cmdReply(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("reply", flag.ContinueOnError)
	fl.SetOutput(stderr)
	situation := fl.String("situation", "", "the situation to answer (see --list)")
	profilePath := fl.String("profile", "", "the clinic profile, JSON")
	lang := fl.String("lang", "", "language of the reply (default: the profile's)")
	profession := fl.String("profession", "", "answer as this profession instead of the profile's")
	firstName := fl.String("first-name", "", "the first name of the person you are replying to")
	all := fl.Bool("all", false, "print every reply that fits, best first, not just the best")
	list := fl.Bool("list", false, "list the situations and languages")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	lib, err := replies.Load(rules.FS)
	if err != nil {
		fmt.Fprintln(stderr, "boundary reply: template pack:", err)
		return 1
	}
	if *list {
		writeReplyList(stdout, lib)
		return 0
	}
	if *situation == "" || *profilePath == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: boundary reply --situation ID --profile PROFILE.json [--lang en] [--profession X] [--first-name NAME] [--all]")
		fmt.Fprintln(stderr, "       boundary reply --list")
		return 2
	}
	if !knownSituation(lib, *situation) {
		fmt.Fprintf(stderr, "boundary reply: unknown situation %q; run boundary reply --list\n", *situation)
		return 2
	}
	p, code := readProfileFile(*profilePath, "reply", stderr)
	if p == nil {
		return code
	}
	if *profession != "" {
		if !clinic.IsProfession(*profession) {
			fmt.Fprintf(stderr, "boundary reply: unknown profession %q; one of %s\n", *profession, strings.Join(clinic.Professions, ", "))
			return 2
		}
		p.Profession = *profession
	}
	if *lang != "" && !slices.Contains(lib.Languages(), *lang) {
		fmt.Fprintf(stderr, "boundary reply: no templates in %q; languages: %s\n", *lang, strings.Join(lib.Languages(), ", "))
		return 2
	}

	ss := lib.Suggest(*situation, p, *lang)
	if len(ss) == 0 {
		writeBlocked(stderr, *profilePath, *situation, lib.Blocked(*situation, p, *lang))
		return 1
	}
	vars := map[string]string{}
	if *firstName != "" {
		vars["first_name"] = *firstName
	}
	if !*all {
		ss = ss[:1]
	}
	defaulted := map[string]bool{}
	for i, s := range ss {
		text, err := lib.Render(s.TemplateID, p, vars)
		if err != nil {
			fmt.Fprintln(stderr, "boundary reply:", err)
			return 1
		}
		if *all {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintf(stdout, "--- %s\n", s.TemplateID)
		}
		fmt.Fprintln(stdout, text)
		for _, d := range s.Defaulted {
			defaulted[d] = true
		}
	}
	// Defaults go to stderr so that stdout stays the reply alone.
	vals, _ := replies.Values(p, ss[0].Lang)
	for _, d := range slices.Sorted(maps.Keys(defaulted)) {
		fmt.Fprintf(stderr, "note: %s is %q, the default for %s; set it in the profile to confirm it\n", d, vals[d], p.Country)
	}
	return 0
}

func knownSituation(lib *replies.Library, id string) bool {
	for _, s := range lib.Situations() {
		if s.ID == id {
			return true
		}
	}
	return false
}

func writeReplyList(w io.Writer, lib *replies.Library) {
	fmt.Fprintln(w, "situations:")
	for _, s := range lib.Situations() {
		fmt.Fprintf(w, "  %-27s %s / %s\n", s.ID, s.Label("en"), s.Label("de"))
	}
	fmt.Fprintf(w, "languages: %s\n", strings.Join(lib.Languages(), ", "))
	fmt.Fprintf(w, "professions: %s\n", strings.Join(clinic.Professions, ", "))
}

// writeBlocked explains why no template could be filled, naming the fields
// the profile should gain.
func writeBlocked(w io.Writer, path, situation string, blocked []*replies.MissingError) {
	fmt.Fprintf(w, "boundary reply: no %s reply can be filled from %s\n", situation, path)
	for _, m := range blocked {
		fmt.Fprintf(w, "  %s needs ", m.Template)
		var parts []string
		if len(m.Fields) > 0 {
			parts = append(parts, strings.Join(m.Fields, ", "))
		}
		if len(m.OneOf) > 0 {
			parts = append(parts, "one of "+strings.Join(m.OneOf, ", "))
		}
		fmt.Fprintln(w, strings.Join(parts, " and "))
	}
	if len(blocked) == 0 {
		fmt.Fprintln(w, "  no template is written for this profession and language")
	}
}

// readProfileFile reads and validates a profile, printing every field error.
// It returns nil and an exit code when the profile cannot be used.
func readProfileFile(path, cmd string, stderr io.Writer) (*clinic.Profile, int) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "boundary %s: %v\n", cmd, err)
		return nil, 1
	}
	p, errs := clinic.ParseProfile(data)
	for _, e := range errs {
		fmt.Fprintf(stderr, "boundary %s: %s: %v\n", cmd, path, e)
	}
	if p == nil || len(errs) > 0 {
		return nil, 1
	}
	return p, 0
}
