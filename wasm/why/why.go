// Package why holds the reasons Boundary gives for a verdict as data: a
// stable key and its arguments. The messages the core writes about what it
// refused (a profile field, an imported file) and what an audit read are
// data in the same way: keys beginning msg_, given as an Error or a Reason. The English sentence the CLI prints is
// rendered from the key through one table (English), and the extension
// renders the same key through its catalogues (extension/_locales), so a
// reason reads in the browser's language while the CLI's wording stays put.
// A test in wasm/cmd/buildext checks that the English catalogue says what
// this table says.
//
// Arguments are plain text, often words taken from a message or a name
// ("chest pain", "Smith, Jane"): whoever draws them must insert them as
// text, never as markup.
package why

import (
	"errors"
	"strings"

	"github.com/boundaryhq/boundary/wasm/jsonw"
)

// Reason is one reason. Key is "" for a sentence that has no key (one the
// caller wrote, such as the CLI's sender_match); then Args[0] is the
// sentence.
type Reason struct {
	Key  string
	Args []string
}

// New makes a reason; key must be in English.
func New(key string, args ...string) Reason { return Reason{Key: key, Args: args} }

// Text is a reason without a key: the sentence as given, in every language.
func Text(s string) Reason { return Reason{Args: []string{s}} }

// IsZero reports whether r says nothing.
func (r Reason) IsZero() bool { return r.Key == "" && len(r.Args) == 0 }

// String is the reason in English. $1…$9 in the template take the
// arguments; arguments are never expanded again, so a "$2" inside a name
// stays as written.
func (r Reason) String() string {
	if r.Key == "" {
		if len(r.Args) == 0 {
			return ""
		}
		return r.Args[0]
	}
	tmpl, ok := English[r.Key]
	if !ok {
		// A key without English is a programming error the tests catch;
		// the key itself still says more than nothing.
		tmpl = r.Key
	}
	return Expand(tmpl, r.Args)
}

// Expand replaces $1…$9 in tmpl with args (a missing argument gives "").
func Expand(tmpl string, args []string) string {
	if !strings.Contains(tmpl, "$") {
		return tmpl
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c == '$' && i+1 < len(tmpl) && tmpl[i+1] >= '1' && tmpl[i+1] <= '9' {
			if n := int(tmpl[i+1] - '1'); n < len(args) {
				b.WriteString(args[n])
			}
			i++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Error is a message about something the core refused, as a key and
// arguments; Error() is its English, which is what the CLI prints.
type Error struct{ Reason }

func (e *Error) Error() string { return e.String() }

// Err makes an Error; key must be in English. It is a pointer, so that an
// Error kept in a variable works with errors.Is.
func Err(key string, args ...string) error { return &Error{New(key, args...)} }

// Of is err's key and arguments when err is (or wraps) an Error, else its
// text as a reason without a key.
func Of(err error) Reason {
	var e *Error
	if errors.As(err, &e) && err.Error() == e.Error() {
		return e.Reason
	}
	return Text(err.Error())
}

// WriteJSON writes r as {"key", "args"}, the form the extension words
// (BoundaryI18n.said); a reason without a key has key "" and its text as
// the one argument.
func (r Reason) WriteJSON(w *jsonw.Writer) {
	args := r.Args
	if args == nil {
		args = []string{}
	}
	w.BeginObject().FieldString("key", r.Key).Key("args").Strings(args).EndObject()
}

// Strings renders rs in English.
func Strings(rs []Reason) []string {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// English is the wording of every key, with $1…$9 for the arguments. Keys
// are message names in the extension's catalogues, so they use letters,
// digits and underscores only.
var English = map[string]string{
	// Message triage (wasm/triage). why_after_hours carries the time and
	// the hours in English ($1, $2) and for German the weekday, the time
	// and the hours ($3, $4, $5): the hours are described in Go, which
	// knows both languages.
	"why_rule":         `rule $1: "$2"`,
	"why_model":        `model $1`,
	"why_model_top":    `model $1: $2`,
	"why_attachment":   `1 attachment in a clinical message`,
	"why_attachments":  `$1 attachments in a clinical message`,
	"why_sender_match": "sender matches \u201c$1\u201d in your patient list",
	"why_request":      `message request from someone who is not your friend`,
	"why_after_hours":  `arrived $1, outside clinic hours ($2)`,

	// Friend requests (wasm/core).
	"why_name_from_data": `name read from the page's data; the card itself shows none`,
	"why_mutual_none":    `no mutual friends shown`,
	"why_mutual_one":     `1 mutual friend`,
	"why_mutual":         `$1 mutual friends`,

	// The patient-list matcher (wasm/patients). Arguments are name words
	// as written on the page or in the list.
	"why_matches":                `matches '$1' in your list`,
	"why_resembles":              `resembles '$1' in your list, not closely enough`,
	"why_spelling":               `spelling $1 → $2`,
	"why_nickname":               `nickname $1 → $2`,
	"why_nickname_own":           `nickname $1 → $2, but $3 is also a name of its own`,
	"why_initial_fits":           `initial $1 fits $2`,
	"why_initial_list_fits":      `initial $1 in your list fits $2`,
	"why_only_initial":           `only the initial $1 is known`,
	"why_written_two":            `$1 $2 is written $3 in your list`,
	"why_written":                `$1 is written $2 in your list`,
	"why_middle_matches":         `middle name $1 matches`,
	"why_middle_in_list":         `$1 is a middle name in your list`,
	"why_part_of_first":          `$1 is part of the first name $2 in your list`,
	"why_middle_here":            `$1 is a middle name here`,
	"why_surname":                `surname $1 → $2`,
	"why_surname_includes":       `surname $1 includes $2`,
	"why_accents":                `accents ignored ($1)`,
	"why_middle_initial_fits":    `middle initial $1 fits $2`,
	"why_middle_fits_initial":    `middle name $1 fits the initial $2 in your list`,
	"why_middle_initial_matches": `middle initial $1 matches`,
	"why_first_differs":          `first name $1 differs from $2`,
	"why_middle_differs":         `middle name $1 differs from $2 in your list`,
	"why_shortened":              `$1 shortened to $2`,
	"why_first_shortened":        `first name $1 shortened to $2 in your list`,
	"why_ignored_middle":         `middle name $1 ignored`,
	"why_ignored_surname":        `other surname $1 ignored`,
	"why_ignored_nickname":       `nickname $1 ignored`,
	"why_ignored_initial":        `middle initial $1 ignored`,
	"why_ignored_extra":          `extra name $1 ignored`,
	"why_reversed":               `written surname first`,
	"why_reversed_given":         `written surname first, and $1 is also a first name`,
	"why_as_middle":              `$1 is a middle name here (surname $2)`,
	"why_as_middle_given":        `$1 is a middle name here (surname $2), and a first name too`,
	"why_initial_not_enough":     `an initial alone is not enough`,
	"why_also_one":               `also matches '$1'`,
	"why_also_two":               `also matches '$1' and '$2'`,
	"why_also_more":              `also matches '$1', '$2' and $3 more`,

	// Messages (msg_): what the core refused and what an audit read. The
	// arguments are values as the user wrote them (already in quotes
	// where the English quotes them), lists of allowed values and numbers.
	"msg_json_invalid": `not valid JSON`,

	// The clinic profile (wasm/clinic), one message per field.
	"msg_prof_not_object":          `a profile must be a JSON object`,
	"msg_prof_unknown_field":       `unknown field`,
	"msg_prof_not_string":          `must be a string`,
	"msg_prof_profession_required": `required; one of $1`,
	"msg_prof_profession_unknown":  `unknown profession $1; one of $2`,
	"msg_prof_country_required":    `required; one of $1`,
	"msg_prof_country_unknown":     `no jurisdiction data for $1; one of $2`,
	"msg_prof_language":            `must be one of $1`,
	"msg_prof_line_long":           `too long (at most 200 characters)`,
	"msg_prof_line_control":        `must be a single line without control characters`,
	"msg_prof_phone":               `must be a phone number: digits, spaces and + - ( ) / . only, with 3 to 15 digits`,
	"msg_prof_email":               `must be an email address like reception@clinic.example`,
	"msg_prof_url":                 `must be a web address starting with https:// (or http://) and a host name`,
	"msg_prof_zone_unknown":        `unknown time zone $1; use an IANA name like Europe/London`,
	"msg_prof_offset_alone":        `only a fallback for time_zone; set time_zone too`,
	"msg_prof_offset_form":         `must look like +01:00`,
	"msg_prof_hours_zone":          `the time zone belongs in time_zone, not inside hours`,
	"msg_prof_away_list":           `must be a list of {"from": "2026-08-03", "to": "2026-08-14"}`,
	"msg_prof_away_from":           `must be a date like 2026-08-03`,
	"msg_prof_away_to":             `must be a date like 2026-08-14`,
	"msg_prof_away_order":          `must not be before from`,
	"msg_hours_not_object":         `must be an object with week and closed`,
	"msg_hours_unknown_field":      `unknown field $1 (use week and closed)`,
	"msg_hours_week_object":        `must be an object of weekday: intervals`,
	"msg_hours_unknown_day":        `unknown weekday $1 (use mon, tue, wed, thu, fri, sat, sun)`,
	"msg_hours_day_list":           `must be a list of intervals like "08:00-18:00"`,
	"msg_hours_interval_form":      `$1 must look like 08:00-18:00`,
	"msg_hours_interval_order":     `$1 ends before it starts; for hours past midnight write 18:00-24:00 here and 00:00-08:00 on the next day`,
	"msg_hours_overlap":            `intervals overlap ($1 and $2)`,
	"msg_hours_closed_list":        `must be a list of dates like 2026-12-25`,
	"msg_hours_closed_date":        `date $1 ($2) must look like 2026-12-25`,

	// The patient-list import (wasm/patients, wasm/core): why a file was
	// refused and why a row was skipped. A column named in a message is
	// quoted as in the reasons ('Name').
	"msg_csv_empty":                  `the file is empty`,
	"msg_csv_too_large":              `the file is larger than 20 MB; export only the patient names`,
	"msg_csv_binary":                 `this is not a text file; export the patient list as CSV`,
	"msg_csv_too_many_rows":          `the file has more than 100,000 rows; export only current patients`,
	"msg_csv_one_column":             `the file has a single column that does not look like a list of names; export the patient list as CSV with one row per patient`,
	"msg_csv_xlsx":                   `this is a ZIP file, probably an Excel workbook (.xlsx); open it in Excel and save it as "CSV UTF-8"`,
	"msg_csv_xls":                    `this is an old Excel workbook (.xls); open it in Excel and save it as "CSV UTF-8"`,
	"msg_csv_pdf":                    `this is a PDF; export the patient list as CSV instead`,
	"msg_csv_rtf":                    `this is a Rich Text document; export the patient list as CSV instead`,
	"msg_csv_open_quote":             `line $1: a quoted field is never closed`,
	"msg_csv_line_columns":           `line $1 has more than $2 columns`,
	"msg_csv_no_columns":             `the file has no columns`,
	"msg_csv_col_missing_first":      `the first-name column $1 is not in the file, which has $2 columns`,
	"msg_csv_col_missing_last":       `the surname column $1 is not in the file, which has $2 columns`,
	"msg_csv_col_missing_middle":     `the middle-name column $1 is not in the file, which has $2 columns`,
	"msg_csv_col_missing_name":       `the name column $1 is not in the file, which has $2 columns`,
	"msg_csv_col_twice_first_last":   `column $1 is chosen as both the first-name and the surname column`,
	"msg_csv_col_twice_first_middle": `column $1 is chosen as both the first-name and the middle-name column`,
	"msg_csv_col_twice_first_name":   `column $1 is chosen as both the first-name and the name column`,
	"msg_csv_col_twice_last_middle":  `column $1 is chosen as both the surname and the middle-name column`,
	"msg_csv_col_twice_last_name":    `column $1 is chosen as both the surname and the name column`,
	"msg_csv_col_twice_middle_name":  `column $1 is chosen as both the middle-name and the name column`,
	"msg_csv_order":                  `unknown name order $1`,
	"msg_csv_need_last":              `choose the surname column too: a first name alone cannot tell patients apart from strangers`,
	"msg_csv_need_first":             `choose the first-name column too: a surname alone cannot tell patients apart from strangers`,
	"msg_csv_need_name":              `choose the column or columns that hold the patients' names`,
	"msg_csv_mapping_json":           `the column mapping is not valid JSON`,
	"msg_csv_no_names":               `no names could be read with this column mapping; the previous list is kept`,
	"msg_csv_skip_cell":              `has 1 cell but the header has $1`,
	"msg_csv_skip_cells":             `has $1 cells but the header has $2`,
	"msg_csv_skip_long":              `a name cell is longer than $1 characters`,
	"msg_csv_skip_empty":             `the name is empty`,
	"msg_csv_skip_no_letters":        `the name has no letters`,
	"msg_csv_skip_no_last":           `no surname for $1`,
	"msg_csv_skip_no_first":          `no first name for $1`,
	"msg_csv_skip_name_no_letters":   `the name $1 has no letters`,
	"msg_csv_skip_one_name":          `only one name in $1; a surname and a first name are needed`,
	"msg_csv_skip_repeat":            `same name as line $1`,

	// What a privacy-audit check read (wasm/audit): a finding's detail,
	// written as pieces that join into one line. Where the English names
	// an audience by its id or says "and 2 more", the last argument is the
	// same in German (Facebook's German label, "und 2 weitere").
	"msg_audit_unread":         `could not read this setting on the page`,
	"msg_audit_unread_prefix":  `could not read: `,
	"msg_audit_no_labels":      `no labels for UI language $1`,
	"msg_audit_switch":         `switch $1 is $2`,
	"msg_audit_set_to":         `$1 is set to $2`,
	"msg_audit_unknown_value":  `$1 shows $2, which is not a known value`,
	"msg_audit_no_value":       `found $1 but no value next to it`,
	"msg_audit_no_label":       `the setting's label was not found on this page`,
	"msg_audit_data":           `embedded page data $1 = $2`,
	"msg_audit_no_heading":     `the section heading was not found on this page`,
	"msg_audit_nothing_listed": `nothing is listed`,
	"msg_audit_no_audience":    `no audience could be read for the items on this page`,
	"msg_audit_item":           `1 item: $1`,
	"msg_audit_items":          `$1 items: $2`,
	"msg_audit_visible":        `; visible: $1`,
	"msg_audit_shows":          `the page shows $1`,
	"msg_audit_conflict":       `the page shows conflicting states: $1`,
	"msg_audit_no_phrase":      `none of the known state phrases is on this page`,
	"msg_audit_local":          `$1 of $2 listed look local: $3`,
	"msg_audit_none_local":     `none of the $1 listed look local`,
	"msg_audit_no_entries":     `no list entries were found on this page`,
	"msg_audit_no_viewer":      `could not read who is signed in from the page data`,
	"msg_audit_personal":       `$1 of $2 replies are from your personal profile ($3)`,
	"msg_audit_not_personal":   `none of $1 replies on $2 reviews are from your personal profile`,
	"msg_audit_no_reviews":     `no reviews or replies were found on this page`,
	"msg_audit_not_read_yet":   `not read yet: open $1`,
}
