package names_test

import (
	"fmt"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/names"
)

func ExampleFold() {
	fmt.Println(names.Fold("✨ 𝐉𝐞𝐧𝐧𝐲 García-López ✨"))
	fmt.Println(names.Fold("Mary <b>O'Brien</b>"))
	// Output:
	// jenny garcia lopez
	// mary obrien
}

func ExampleParse() {
	n := names.Parse("Dr. Jennifer A. van der Berg, MD")
	fmt.Printf("first %q, middle %q, last %q\n", n.First(), n.Middle(), n.Last())
	n = names.Parse("García-López, José")
	fmt.Printf("first %q, last %q\n", n.First(), n.Last())
	// Output:
	// first "Jennifer", middle "A.", last "van der Berg"
	// first "José", last "García-López"
}

func ExampleNicknames_Related() {
	nick, err := names.LoadNicknames(rules.FS)
	if err != nil {
		panic(err)
	}
	fmt.Println(nick.Related("Bob", "Robert"), nick.Related("Pepe", "José"))
	// Ron stands for Aaron and for Ronald; that does not make them one name.
	fmt.Println(nick.Related("Ron", "Aaron"), nick.Related("Ron", "Ronald"), nick.Related("Aaron", "Ronald"))
	// Output:
	// true true
	// true true false
}
