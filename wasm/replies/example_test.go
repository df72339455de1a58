package replies_test

import (
	"fmt"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/replies"
)

func ExampleLibrary_Suggest() {
	lib, err := replies.Load(rules.FS)
	if err != nil {
		panic(err)
	}
	p, _ := clinic.ParseProfile([]byte(`{"profession": "veterinarian", "country": "GB",
		"clinic_name": "Hillside Vets", "phone": "01632 960123"}`))
	s := lib.Suggest("emergency", p, "en")[0]
	fmt.Println(s.TemplateID)
	fmt.Println(s.Text)
	// Output:
	// emergency.veterinarian.en
	// Hello,
	//
	// If your pet needs emergency care, please don't wait for a reply here; I may not see it for a while. Call Hillside Vets now on 01632 960123. If the practice is closed, contact your nearest emergency vet.
	//
	// If a person is hurt or in danger, call 999.
}

func ExampleLibrary_Render_missing() {
	lib, _ := replies.Load(rules.FS)
	p, _ := clinic.ParseProfile([]byte(`{"profession": "nurse", "country": "US", "clinic_name": "Lakeside Clinic"}`))
	_, err := lib.Render("complaint.all.en", p, map[string]string{"first_name": "Ann"})
	fmt.Println(err)
	// Output:
	// template complaint.all.en cannot be filled: missing complaints_url
}
