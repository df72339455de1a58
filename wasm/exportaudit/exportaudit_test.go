package exportaudit_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/exportaudit"
)

// moji writes s as a JSON string the way Facebook's exporter does: every
// byte of a non-ASCII character escaped on its own as \u00XX.
func moji(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x80:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatUint(uint64(c)>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(c)&0xF, 16))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// patients is a test NameMatcher: exact names after case folding.
type patients map[string]string

func (p patients) Match(name string) (string, []string, bool) {
	e, ok := p[strings.ToLower(name)]
	if !ok {
		return "", nil, false
	}
	return e, []string{"same name as " + e}, true
}

var list = patients{"josé núñez": "José Núñez", "pat jones": "Pat Jones", "chris doe": "Chris Doe"}

const owner = "Sam Taylor"

func friend(name string, ts int) string {
	return `{"name":` + moji(name) + `,"timestamp":` + strconv.Itoa(ts) + `}`
}

func msg(sender, text string, ms int64) string {
	return `{"sender_name":` + moji(sender) + `,"timestamp_ms":` + strconv.FormatInt(ms, 10) + `,"content":` + moji(text) + `,"type":"Generic","is_unsent":false}`
}

func e2eeMsg(sender, text string, ms int64) string {
	return `{"senderName":` + moji(sender) + `,"timestamp":` + strconv.FormatInt(ms, 10) + `,"text":` + moji(text) + `,"type":"text","isUnsent":false,"media":[],"reactions":[]}`
}

func thread(title string, e2ee bool, msgs ...string) string {
	if e2ee {
		return `{"participants":[` + moji(title) + `,` + moji(owner) + `],"threadName":` + moji(title) + `,"messages":[` + strings.Join(msgs, ",") + `]}`
	}
	return `{"participants":[{"name":` + moji(title) + `},{"name":` + moji(owner) + `}],"messages":[` + strings.Join(msgs, ",") +
		`],"title":` + moji(title) + `,"is_still_participant":true,"thread_path":"inbox/x","magic_words":[]}`
}

func post(ts int, text string, tags ...string) string {
	t := ""
	if len(tags) > 0 {
		var ts []string
		for _, n := range tags {
			ts = append(ts, `{"name":`+moji(n)+`}`)
		}
		t = `,"tags":[` + strings.Join(ts, ",") + `]`
	}
	return `{"timestamp":` + strconv.Itoa(ts) + `,"data":[{"post":` + moji(text) + `}],"attachments":[{"data":[{"external_context":{"url":"https://example.org"}}]}],"title":"Sam Taylor updated their status."` + t + `}`
}

func comment(ts int, text string) string {
	return `{"timestamp":` + strconv.Itoa(ts) + `,"data":[{"comment":{"timestamp":` + strconv.Itoa(ts) + `,"comment":` + moji(text) + `,"author":"Sam Taylor"}}],"title":"Sam Taylor commented on a post."}`
}

// content is what every layout holds; only paths and keys differ.
var (
	friends   = []string{friend("José Núñez", 1500000000), friend("Robin Friend", 1500000100)}
	requests  = []string{friend("Chris Doe", 1600000000), friend("Alex Stranger", 1600000100)}
	josé      = []string{msg("José Núñez", "Thanks again!", 1700000300000), msg(owner, "I can't discuss test results here, please call the practice.", 1700000200000), msg("José Núñez", "Hi Dr Taylor, my blood test results came back, should I be worried?", 1700000100000)}
	robin     = []string{msg("Robin Friend", "See you at the pub on Friday", 1700000400000), msg(owner, "Yes! And the diagnosis is: I need a holiday", 1700000350000)}
	posts     = []string{post(1650000000, "Great evening with Pat Jones at the fair!"), post(1650000100, "Tough day. A patient with chest pain waited six hours."), post(1650000200, "Lovely walk"), post(1650000300, "Summer party", "Chris Doe")}
	comments  = []string{comment(1660000000, "Happy birthday!"), comment(1660000100, "My patient today had exactly the same rash")}
	workJSON  = `[{"employer":"Springfield General Hospital","title":"Consultant Paediatrician","location":"Springfield","start_timestamp":1400000000}]`
	eduJSON   = `[{"name":"University of Springfield","graduated":true,"concentrations":["Medicine"],"school_type":"University"}]`
	groupsOld = `{"groups_joined":[{"name":"Springfield Mums Network","timestamp":1550000000},{"name":"Trail Running Enthusiasts","timestamp":1550000100}]}`
	groupsV2  = `{"groups_joined_v2":[{"timestamp":1550000000,"data":[{"name":"Springfield Mums Network"}],"title":"Sam Taylor became a member of Springfield Mums Network."},{"timestamp":1550000100,"data":[{"name":"Trail Running Enthusiasts"}],"title":"x"}]}`
)

func arr(xs []string) string { return "[" + strings.Join(xs, ",") + "]" }

// layouts builds one synthetic export per known era.
func layouts() map[string]map[string]string {
	prof := func(key string) string {
		return `{"` + key + `":{"name":{"full_name":` + moji(owner) + `,"first_name":"Sam","last_name":"Taylor"},"emails":{"emails":["sam@example.org"]},"work_experiences":` + workJSON + `,"education_experiences":` + eduJSON + `,"registration_timestamp":1200000000}}`
	}
	return map[string]map[string]string{
		"2018-2020": {
			"messages/inbox/josenunez_a1b2c3/message_1.json":   thread("José Núñez", false, josé...),
			"messages/inbox/robinfriend_d4e5f6/message_1.json": thread("Robin Friend", false, robin...),
			"friends/friends.json":                             `{"friends":` + arr(friends) + `}`,
			"friends/received_friend_requests.json":            `{"received_requests":` + arr(requests) + `}`,
			"profile_information/profile_information.json":     prof("profile"),
			"posts/your_posts_1.json":                          arr(posts),
			"groups/your_group_membership_activity.json":       groupsOld,
			"comments/comments.json":                           `{"comments":` + arr(comments) + `}`,
			"photos_and_videos/album/0.json":                   `{"name":"Profile pictures"}`,
		},
		"2021-2022": {
			"messages/inbox/josenunez_a1b2c3/message_1.json":      thread("José Núñez", false, josé[:1]...),
			"messages/inbox/josenunez_a1b2c3/message_2.json":      thread("José Núñez", false, josé[1:]...),
			"messages/inbox/robinfriend_d4e5f6/message_1.json":    thread("Robin Friend", false, robin...),
			"friends_and_followers/friends.json":                  `{"friends_v2":` + arr(friends) + `}`,
			"friends_and_followers/friend_requests_received.json": `{"received_requests_v2":` + arr(requests) + `}`,
			"friends_and_followers/friend_requests_sent.json":     `{"sent_requests_v2":[]}`,
			"profile_information/profile_information.json":        prof("profile_v2"),
			"posts/your_posts_1.json":                             arr(posts),
			"groups/your_group_membership_activity.json":          groupsV2,
			"comments_and_reactions/comments.json":                `{"comments_v2":` + arr(comments) + `}`,
		},
		"2023+": {
			"your_facebook_activity/messages/inbox/josenunez_a1b2c3/message_1.json":              thread("José Núñez", false, josé...),
			"your_facebook_activity/messages/archived_threads/robinfriend_d4e5f6/message_1.json": thread("Robin Friend", false, robin...),
			"connections/friends/your_friends.json":                                              `{"friends_v2":` + arr(friends) + `}`,
			"connections/friends/received_friend_requests.json":                                  `{"received_requests_v2":` + arr(requests) + `}`,
			"connections/friends/removed_friends.json":                                           `{"deleted_friends_v2":[]}`,
			"personal_information/profile_information/profile_information.json":                  prof("profile_v2"),
			"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json":       arr(posts),
			"your_facebook_activity/groups/your_group_membership_activity.json":                  groupsV2,
			"your_facebook_activity/comments_and_reactions/comments.json":                        `{"comments_v2":` + arr(comments) + `}`,
		},
		"2024 e2ee": {
			"your_activity_across_facebook/messages/e2ee_cutover/josenunez_1234/message_1.json":   thread("José Núñez", true, e2eeMsg("José Núñez", "Thanks again!", 1700000300000), e2eeMsg(owner, "I can't discuss test results here.", 1700000200000), e2eeMsg("José Núñez", "Hi Dr Taylor, my blood test results came back, should I be worried?", 1700000100000)),
			"your_activity_across_facebook/messages/inbox/robinfriend_5678/message_1.json":        thread("Robin Friend", false, robin...),
			"connections/friends/your_friends.json":                                               `{"friends_v2":` + arr(friends) + `}`,
			"connections/friends/received_friend_requests.json":                                   `{"received_requests_v2":` + arr(requests) + `}`,
			"personal_information/profile_information/profile_information.json":                   prof("profile_v2"),
			"your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json": arr(posts),
			"your_activity_across_facebook/groups/your_group_membership_activity.json":            groupsV2,
			"your_activity_across_facebook/comments_and_reactions/comments.json":                  `{"comments_v2":` + arr(comments) + `}`,
		},
	}
}

// want lists the findings as kind|name, sorted, for every layout.
var want = []string{
	"clinical_thread_from_patient|José Núñez",
	"community_group|Springfield Mums Network",
	"friend_is_patient|José Núñez",
	"friend_request_from_patient|Chris Doe",
	"post_describes_case|",
	"post_describes_case|",
	"post_mentions_patient|Chris Doe",
	"post_mentions_patient|Pat Jones",
	"profile_reveals_training|University of Springfield Medicine",
	"profile_reveals_work|Consultant Paediatrician, Springfield General Hospital",
}

var wantNoList = []string{
	"clinical_thread|José Núñez",
	"community_group|Springfield Mums Network",
	"post_describes_case|",
	"post_describes_case|",
	"profile_reveals_training|University of Springfield Medicine",
	"profile_reveals_work|Consultant Paediatrician, Springfield General Hospital",
}

func writeDir(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeZip(t *testing.T, files map[string]string, prefix string) string {
	p := filepath.Join(t.TempDir(), "facebook-samtaylor.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(prefix + n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func summary(r *exportaudit.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Kind+"|"+f.Name)
	}
	sort.Strings(out)
	return out
}

func jsonOf(t *testing.T, r *exportaudit.Report) string {
	r2 := *r
	r2.Source = ""
	var b bytes.Buffer
	if err := r2.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestLayouts(t *testing.T) {
	for era, files := range layouts() {
		t.Run(era, func(t *testing.T) {
			dir := writeDir(t, files)
			unpacked, err := exportaudit.Audit(dir, exportaudit.Options{Patients: list})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(unpacked); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings\n got %q\nwant %q", got, want)
			}
			wantLayout := strings.Fields(era)[0]
			if wantLayout == "2024" {
				wantLayout = "2023+"
			}
			if unpacked.Layout != wantLayout || unpacked.Owner != owner {
				t.Errorf("layout %q owner %q, want %q %q", unpacked.Layout, unpacked.Owner, wantLayout, owner)
			}
			c := unpacked.Counts
			if c.Friends != 2 || c.RequestsIn != 2 || c.Threads != 2 || c.Messages != 5 || c.Groups != 2 || c.Posts != 4 || c.Comments != 2 {
				t.Errorf("counts %+v", c)
			}
			for _, f := range unpacked.Findings {
				if f.Kind == exportaudit.KindPatientThread && (f.Count != 1 || !strings.Contains(f.Excerpt, "blood test")) {
					t.Errorf("thread finding counts the owner's message or lost the excerpt: %+v", f)
				}
			}
			// The same export zipped, inside the folder Facebook puts
			// around it, gives byte-identical JSON: same ids, same order.
			zipped, err := exportaudit.Audit(writeZip(t, files, "facebook-samtaylor-2024-01-01-AbCdE/"), exportaudit.Options{Patients: list})
			if err != nil {
				t.Fatal(err)
			}
			if a, b := jsonOf(t, unpacked), jsonOf(t, zipped); a != b {
				t.Errorf("zipped and unpacked differ:\n%s\n%s", a, b)
			}
			noList, err := exportaudit.Audit(dir, exportaudit.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(noList); strings.Join(got, "\n") != strings.Join(wantNoList, "\n") {
				t.Errorf("without a patient list\n got %q\nwant %q", got, wantNoList)
			}
		})
	}
}

// Without a profile file the owner is inferred from the threads, so the
// owner's own clinical-sounding replies are still not findings.
func TestOwnerWithoutProfile(t *testing.T) {
	files := layouts()["2023+"]
	delete(files, "personal_information/profile_information/profile_information.json")
	r, err := exportaudit.Audit(writeDir(t, files), exportaudit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Owner != owner {
		t.Errorf("owner %q, want %q", r.Owner, owner)
	}
	for _, f := range r.Findings {
		if f.Name == owner {
			t.Errorf("the owner's own message became a finding: %+v", f)
		}
	}
}

func TestStableIDs(t *testing.T) {
	files := layouts()["2023+"]
	a, _ := exportaudit.Audit(writeDir(t, files), exportaudit.Options{Patients: list})
	b, _ := exportaudit.Audit(writeDir(t, files), exportaudit.Options{Patients: list})
	if jsonOf(t, a) != jsonOf(t, b) {
		t.Error("two runs over the same export differ")
	}
	seen := map[string]bool{}
	for _, f := range a.Findings {
		if seen[f.ID] || !strings.HasPrefix(f.ID, f.Kind+":") {
			t.Errorf("bad or duplicate id %s", f.ID)
		}
		seen[f.ID] = true
	}
}

func TestFix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"Jos\u00c3\u00a9 N\u00c3\u00ba\u00c3\u00b1ez", "José Núñez"},
		{"\u00f0\u009f\u0098\u0082", "😂"},
		{"caf\u00e9", "café"},                                // real Latin-1 text, not mojibake: kept
		{"Jos\u00c3\u00a9 \u2764", "Jos\u00c3\u00a9 \u2764"}, // a code point above 0xFF: not mojibake
		{"Gr\u00c3\u00bc\u00c3\u009fe", "Grüße"},
	} {
		if got := exportaudit.Fix(tc.in); got != tc.want {
			t.Errorf("Fix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	html := writeDir(t, map[string]string{"html/messages.htm": "<html></html>", "index.htm": "<html></html>"})
	if _, err := exportaudit.Audit(html, exportaudit.Options{}); !errors.Is(err, exportaudit.ErrHTMLExport) {
		t.Errorf("HTML export: got %v", err)
	}
	if !strings.Contains(exportaudit.ErrHTMLExport.Error(), "re-download in JSON format") {
		t.Error("HTML error does not say what to do")
	}
	unknown := writeDir(t, map[string]string{"notes/today.json": "{}", "photo.jpg": "x"})
	_, err := exportaudit.Audit(unknown, exportaudit.Options{})
	var le *exportaudit.LayoutError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "friends_and_followers/friends.json") {
		t.Errorf("unknown layout: got %v", err)
	}
	corrupt := filepath.Join(t.TempDir(), "export.zip")
	good, _ := os.ReadFile(writeZip(t, layouts()["2023+"], ""))
	os.WriteFile(corrupt, good[:len(good)/2], 0o644)
	if _, err := exportaudit.Audit(corrupt, exportaudit.Options{}); err == nil || !strings.Contains(err.Error(), "zip") {
		t.Errorf("corrupt zip: got %v", err)
	}
	notZip := filepath.Join(t.TempDir(), "export.zip")
	os.WriteFile(notZip, []byte("hello"), 0o644)
	if _, err := exportaudit.Audit(notZip, exportaudit.Options{}); err == nil || !strings.Contains(err.Error(), "not a zip archive") {
		t.Errorf("not a zip: got %v", err)
	}
	badJSON := writeDir(t, map[string]string{"friends/friends.json": `{"friends":[{"name":"x"`})
	if _, err := exportaudit.Audit(badJSON, exportaudit.Options{}); err == nil || !strings.Contains(err.Error(), "friends/friends.json") {
		t.Errorf("truncated JSON: got %v, want an error naming the file", err)
	}
}

// Facebook splits large exports into several zips; a folder of them is
// one export.
func TestFolderOfZipParts(t *testing.T) {
	files := layouts()["2023+"]
	part1, part2 := map[string]string{}, map[string]string{}
	for n, b := range files {
		if strings.Contains(n, "messages") {
			part2[n] = b
		} else {
			part1[n] = b
		}
	}
	dir := t.TempDir()
	for i, p := range []map[string]string{part1, part2} {
		z, _ := os.ReadFile(writeZip(t, p, ""))
		os.WriteFile(filepath.Join(dir, "facebook-samtaylor-part"+strconv.Itoa(i+1)+".zip"), z, 0o644)
	}
	r, err := exportaudit.Audit(dir, exportaudit.Options{Patients: list})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
}

func TestHTMLReportEscapes(t *testing.T) {
	files := layouts()["2023+"]
	files["connections/friends/your_friends.json"] = `{"friends_v2":[` + friend(`<img src=x onerror=alert(1)>`, 1) + `]}`
	evil := patients{`<img src=x onerror=alert(1)>`: `<script>x</script>`}
	r, err := exportaudit.Audit(writeDir(t, files), exportaudit.Options{Patients: evil})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Contains(s, "<img") || strings.Contains(s, "<script") || !strings.Contains(s, "&lt;img src=x") {
		t.Errorf("HTML report does not escape export content")
	}
	if !strings.Contains(s, "@media print") {
		t.Error("no print CSS")
	}
}

func TestKeywordClassifierWholeWords(t *testing.T) {
	k, err := exportaudit.NewKeywordClassifier(os.DirFS("../../rules"))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{
		"I have a rash on my arm":                  true,
		"Rashid is coming round later":             false,
		"Meine Blutwerte sind da, ist das normal?": true,
		"See you at the pub":                       false,
	} {
		if _, _, got := k.Clinical(text); got != want {
			t.Errorf("Clinical(%q) = %v, want %v", text, got, want)
		}
	}
}
