// Package exportaudit audits a Facebook "Download Your Information" export
// (JSON format, zipped or unpacked, any layout from 2018 on) for what a
// clinician's account holds about patients: patients among friends and
// friend requests, message threads in which patients raise clinical
// matters, local community groups, profile fields that reveal the
// workplace, and posts or comments that mention a patient or describe a
// case.
//
// Exports run to gigabytes, so every file is read as a stream of JSON
// tokens and every zip entry is decompressed on its own; memory stays flat
// whatever the export's size. The package is native only (the CLI and the
// options page's native helper use it), so it uses encoding/json and
// archive/zip.
//
// Patient matching and clinical-content detection are behind two small
// interfaces so that the real patient directory and triage classifier can
// be plugged in by the caller.
package exportaudit

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/rulepack"
)

// NameMatcher finds a person's display name in the clinician's patient
// list. entry is what the report shows for the match (a name or a record
// reference), reasons say why it matched.
type NameMatcher interface {
	Match(name string) (entry string, reasons []string, ok bool)
}

// Classifier decides whether a text carries clinical content.
type Classifier interface {
	Clinical(text string) (category string, reasons []string, ok bool)
}

// Options configure an audit.
type Options struct {
	// Patients matches names to the patient list; nil means no list, so no
	// finding can name a patient and message threads are judged on their
	// clinical content alone.
	Patients NameMatcher
	// Classifier detects clinical content; nil uses KeywordClassifier.
	Classifier Classifier
}

// Finding kinds, with their severities.
const (
	KindFriendIsPatient    = "friend_is_patient"
	KindRequestFromPatient = "friend_request_from_patient"
	KindPatientThread      = "clinical_thread_from_patient"
	KindClinicalThread     = "clinical_thread"
	KindCommunityGroup     = "community_group"
	KindProfileWork        = "profile_reveals_work"
	KindProfileTraining    = "profile_reveals_training"
	KindPostMentions       = "post_mentions_patient"
	KindPostClinical       = "post_describes_case"
)

var kindInfo = map[string]struct{ severity, message string }{
	KindFriendIsPatient:    {"high", "A patient is among your Facebook friends."},
	KindRequestFromPatient: {"medium", "A patient sent you a friend request."},
	KindPatientThread:      {"high", "A patient raised clinical matters with you in Messenger."},
	KindClinicalThread:     {"medium", "Someone raised clinical matters with you in Messenger; check whether they are a patient."},
	KindCommunityGroup:     {"medium", "You are a member of a local community group where patients are likely members too."},
	KindProfileWork:        {"medium", "Your profile names your workplace or job."},
	KindProfileTraining:    {"low", "Your profile names clinical training."},
	KindPostMentions:       {"high", "A post or comment of yours mentions a patient."},
	KindPostClinical:       {"high", "A post or comment of yours appears to describe a clinical case."},
}

// Finding is one thing in the export that the clinician should look at.
type Finding struct {
	ID       string   `json:"id"` // stable: the same export gives the same ids
	Kind     string   `json:"kind"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Name     string   `json:"name,omitempty"`    // friend, requester, sender, group, field
	Patient  string   `json:"patient,omitempty"` // the patient-list entry it matched
	Category string   `json:"category,omitempty"`
	Reasons  []string `json:"reasons,omitempty"`
	File     string   `json:"file"`
	Time     string   `json:"time,omitempty"` // RFC 3339, UTC
	Count    int      `json:"count,omitempty"`
	Excerpt  string   `json:"excerpt,omitempty"`
}

// Counts say how much of the export was read.
type Counts struct {
	Files          int `json:"files"`
	Friends        int `json:"friends"`
	RequestsIn     int `json:"friend_requests_received"`
	Threads        int `json:"threads"`
	Messages       int `json:"messages"`
	Groups         int `json:"groups"`
	Posts          int `json:"posts"`
	Comments       int `json:"comments"`
	ProfileEntries int `json:"profile_entries"`
}

// Report is the audit's result.
type Report struct {
	Source      string    `json:"source"`
	Layout      string    `json:"layout"` // "2018-2020", "2021-2022" or "2023+"
	Owner       string    `json:"owner,omitempty"`
	PatientList bool      `json:"patient_list"`
	Counts      Counts    `json:"counts"`
	Findings    []Finding `json:"findings"`
}

// ErrHTMLExport is returned for an export in HTML format, which carries no
// structure worth parsing.
var ErrHTMLExport = errors.New("HTML exports are not supported; re-download in JSON format (Settings > Your information > Download your information > Format: JSON)")

// LayoutError is returned when nothing in the input looks like a JSON export.
type LayoutError struct{ Source string }

func (e *LayoutError) Error() string {
	return e.Source + ": unknown export layout: expected a Facebook \"Download Your Information\" export in JSON format, " +
		"holding messages/inbox/<thread>/message_1.json, friends/friends.json, friends_and_followers/friends.json, " +
		"connections/friends/your_friends.json or your_facebook_activity/messages/inbox/<thread>/message_1.json"
}

// Audit reads the export at path: a directory, a .zip, or a directory of
// the .zip parts Facebook splits large exports into.
func Audit(path string, o Options) (*Report, error) {
	a, err := newAuditor(o)
	if err != nil {
		return nil, err
	}
	a.rep.Source = path
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if err := a.zipFile(path); err != nil {
			return nil, err
		}
		return a.finish(path)
	}
	names, err := listFiles(os.DirFS(path))
	if err != nil {
		return nil, err
	}
	if recognised(names) || !hasZips(names) {
		if err := a.fsys(os.DirFS(path), names); err != nil {
			return nil, err
		}
		return a.finish(path)
	}
	for _, n := range names {
		if strings.EqualFold(path_ext(n), ".zip") && !strings.Contains(n, "/") {
			if err := a.zipFile(filepath.Join(path, n)); err != nil {
				return nil, err
			}
		}
	}
	return a.finish(path)
}

// AuditFS reads an export already opened as a file system (an unpacked
// directory, a *zip.Reader, or a test's synthetic tree).
func AuditFS(fsys fs.FS, source string, o Options) (*Report, error) {
	a, err := newAuditor(o)
	if err != nil {
		return nil, err
	}
	a.rep.Source = source
	names, err := listFiles(fsys)
	if err != nil {
		return nil, err
	}
	if err := a.fsys(fsys, names); err != nil {
		return nil, err
	}
	return a.finish(source)
}

func path_ext(n string) string { return path.Ext(n) }

func (a *auditor) zipFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil || !bytes.Equal(magic[:], []byte("PK\x03\x04")) {
		return errors.New(p + " is not a zip archive: expected a Facebook export .zip or its unpacked folder")
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return errors.New(p + " is not a readable zip archive (" + err.Error() + "): expected a complete Facebook export .zip; download it again if it was cut short")
	}
	names, err := listFiles(zr)
	if err != nil {
		return errors.New(p + ": corrupt zip: " + err.Error())
	}
	return a.fsys(zr, names)
}

func listFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

func hasZips(names []string) bool {
	for _, n := range names {
		if strings.EqualFold(path.Ext(n), ".zip") {
			return true
		}
	}
	return false
}

func recognised(names []string) bool {
	for _, n := range names {
		if classify(n).kind != "" {
			return true
		}
	}
	return false
}

// auditor carries state across the files (and zip parts) of one export.
type auditor struct {
	o        Options
	words    wordLists
	groups   *audit.Check
	rep      Report
	eras     map[string]bool
	htmlSeen bool
	jsonSeen bool
	profile  string // owner's name from the profile

	matchCache map[string]matchResult
	threads    map[string]*thread
	findings   map[string]*Finding
}

type matchResult struct {
	entry   string
	reasons []string
	ok      bool
}

func newAuditor(o Options) (*auditor, error) {
	words, err := loadWords(rules.FS)
	if err != nil {
		return nil, err
	}
	checks, err := audit.Load(rules.FS)
	if err != nil {
		return nil, err
	}
	if o.Classifier == nil {
		o.Classifier = KeywordClassifier{phrases: words.phrases}
	}
	return &auditor{
		o: o, words: words, groups: checks.Get("community_groups"),
		eras: map[string]bool{}, matchCache: map[string]matchResult{},
		threads: map[string]*thread{}, findings: map[string]*Finding{},
		rep: Report{PatientList: o.Patients != nil},
	}, nil
}

// fileKind says what a file in the export holds.
type fileKind struct {
	name   string // path inside the file system, to open
	kind   string // friends, requests, profile, groups, posts, comments, messages
	era    string
	rel    string // path from the export's own root
	thread string // messages: the thread's folder
}

// roots are the top-level folders of every known layout; an export may sit
// inside a folder of its own (facebook-name-2024-01-01-abc/), which is
// skipped by looking for the first of these.
var roots = []string{"messages", "friends", "profile_information", "posts", "comments", "groups",
	"friends_and_followers", "comments_and_reactions",
	"connections", "your_facebook_activity", "your_activity_across_facebook", "personal_information", "html"}

func classify(name string) fileKind {
	segs := strings.Split(name, "/")
	start := -1
	for i, s := range segs {
		for _, r := range roots {
			if s == r {
				start = i
				break
			}
		}
		if start >= 0 {
			break
		}
	}
	if start < 0 || !strings.HasSuffix(name, ".json") {
		return fileKind{}
	}
	segs = segs[start:]
	rel := strings.Join(segs, "/")
	base := segs[len(segs)-1]
	dir := path.Dir(rel)
	era := "2018-2020"
	switch segs[0] {
	case "friends_and_followers", "comments_and_reactions":
		era = "2021-2022"
	case "connections", "your_facebook_activity", "your_activity_across_facebook", "personal_information":
		era = "2023+"
	}
	k := fileKind{era: era, rel: rel}
	switch {
	case (dir == "friends" || dir == "friends_and_followers" || dir == "connections/friends") && (base == "friends.json" || base == "your_friends.json"):
		k.kind = "friends"
	case (dir == "friends" || dir == "friends_and_followers" || dir == "connections/friends") && (base == "received_friend_requests.json" || base == "friend_requests_received.json"):
		k.kind = "requests"
	case strings.HasSuffix(rel, "profile_information/profile_information.json"):
		k.kind = "profile"
	case base == "your_group_membership_activity.json":
		k.kind = "groups"
	case path.Base(dir) == "posts" && strings.HasPrefix(base, "your_posts"):
		k.kind = "posts"
	case (path.Base(dir) == "comments" || path.Base(dir) == "comments_and_reactions") && base == "comments.json":
		k.kind = "comments"
	default:
		// messages/<box>/<thread>/message_N.json, possibly below
		// your_facebook_activity/ or your_activity_across_facebook/.
		for i := 0; i+3 < len(segs); i++ {
			if segs[i] == "messages" && i+3 == len(segs)-1 && isBox(segs[i+1]) && strings.HasPrefix(base, "message_") {
				k.kind = "messages"
				k.thread = strings.Join(segs[:i+3], "/")
			}
		}
	}
	return k
}

func isBox(s string) bool {
	switch s {
	case "inbox", "archived_threads", "filtered_threads", "message_requests", "e2ee_cutover":
		return true
	}
	return false
}

// order reads the profile first, so the owner's own messages are known
// before the threads.
var order = map[string]int{"profile": 0, "friends": 1, "requests": 2, "groups": 3, "posts": 4, "comments": 5, "messages": 6}

func (a *auditor) fsys(fsys fs.FS, names []string) error {
	var todo []fileKind
	for _, n := range names {
		low := strings.ToLower(n)
		if strings.HasSuffix(low, ".htm") || strings.HasSuffix(low, ".html") {
			a.htmlSeen = true
		}
		if strings.HasSuffix(low, ".json") {
			a.jsonSeen = true
		}
		k := classify(n)
		if k.kind == "" {
			continue
		}
		k.name = n
		todo = append(todo, k)
	}
	sort.SliceStable(todo, func(i, j int) bool { return order[todo[i].kind] < order[todo[j].kind] })
	for _, k := range todo {
		f, err := fsys.Open(k.name)
		if err != nil {
			return err
		}
		err = a.file(k, f)
		f.Close()
		if err != nil {
			return errors.New(k.rel + ": " + err.Error())
		}
		a.eras[k.era] = true
		a.rep.Counts.Files++
	}
	return nil
}

func (a *auditor) file(k fileKind, r io.Reader) error {
	switch k.kind {
	case "friends":
		return a.friends(k.rel, r, false)
	case "requests":
		return a.friends(k.rel, r, true)
	case "profile":
		return a.profileFile(k.rel, r)
	case "groups":
		return a.groupsFile(k.rel, r)
	case "posts":
		return a.postsFile(k.rel, r)
	case "comments":
		return a.commentsFile(k.rel, r)
	case "messages":
		return a.messagesFile(k.thread, k.rel, r)
	}
	return nil
}

func (a *auditor) finish(source string) (*Report, error) {
	if a.rep.Counts.Files == 0 {
		if a.htmlSeen {
			return nil, ErrHTMLExport
		}
		return nil, &LayoutError{Source: source}
	}
	for _, era := range []string{"2023+", "2021-2022", "2018-2020"} {
		if a.eras[era] {
			a.rep.Layout = era
			break
		}
	}
	a.threadFindings()
	a.rep.Findings = make([]Finding, 0, len(a.findings))
	for _, f := range a.findings {
		a.rep.Findings = append(a.rep.Findings, *f)
	}
	sort.Slice(a.rep.Findings, func(i, j int) bool {
		x, y := a.rep.Findings[i], a.rep.Findings[j]
		if sx, sy := rulepack.SeverityRank(x.Severity), rulepack.SeverityRank(y.Severity); sx != sy {
			return sx > sy
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		if x.Time != y.Time {
			return x.Time > y.Time
		}
		return x.ID < y.ID
	})
	return &a.rep, nil
}

// add records a finding; key parts make its id, so the same item in the
// same export always has the same id, and duplicates merge.
func (a *auditor) add(kind, file string, f Finding, key ...string) *Finding {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, k := range key {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	id := kind + ":" + hex.EncodeToString(h.Sum(nil))[:12]
	if prev, ok := a.findings[id]; ok {
		return prev
	}
	info := kindInfo[kind]
	f.ID, f.Kind, f.Severity, f.File = id, kind, info.severity, file
	if f.Message == "" {
		f.Message = info.message
	}
	a.findings[id] = &f
	return &f
}

func (a *auditor) match(name string) matchResult {
	if a.o.Patients == nil || name == "" {
		return matchResult{}
	}
	if m, ok := a.matchCache[name]; ok {
		return m
	}
	e, rs, ok := a.o.Patients.Match(name)
	m := matchResult{e, rs, ok}
	if len(a.matchCache) < 1<<16 { // bounded: an export has few distinct names
		a.matchCache[name] = m
	}
	return m
}

func unixTime(sec int64) string {
	if sec <= 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

func msTime(ms int64) string {
	if ms <= 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}

// excerpt shortens text for the report: a finding should remind, not copy.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "..."
	}
	return s
}
