package patients_test

import (
	"fmt"
	"strings"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/patients"
)

func Example() {
	nick, err := names.LoadNicknames(rules.FS)
	if err != nil {
		panic(err)
	}
	table, err := patients.ReadTable([]byte("Last Name;First Name;DOB\r\nSmith;Jennifer;1980-01-01\r\nGarcía-López;José;1975-05-05\r\n"))
	if err != nil {
		panic(err)
	}
	entries, skipped := patients.Import(table, patients.GuessMapping(table))
	fmt.Println(len(entries), "patients,", len(skipped), "skipped")

	dir := patients.NewDirectory(entries, nick)
	for _, display := range []string{"✨ Jenny Smith ✨", "Jessica Smith", "Pepe Garcia"} {
		if m, ok := dir.Match(display); ok {
			fmt.Printf("%s: Likely patient: %s (%s)\n", display, m.Reasons[0], strings.Join(m.Reasons[1:], "; "))
		} else {
			fmt.Printf("%s: no match\n", display)
		}
	}
	// Output:
	// 2 patients, 0 skipped
	// ✨ Jenny Smith ✨: Likely patient: matches 'Smith, Jennifer' in your list (nickname Jenny → Jennifer)
	// Jessica Smith: no match
	// Pepe Garcia: Likely patient: matches 'García-López, José' in your list (nickname Pepe → José; surname García-López includes Garcia; accents ignored (Garcia → García))
}
