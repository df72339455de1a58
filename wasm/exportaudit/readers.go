package exportaudit

import (
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// friends reads a friends or received-requests file, in any era's keys.
func (a *auditor) friends(file string, r io.Reader, requests bool) error {
	keys := []string{"friends", "friends_v2"}
	kind := KindFriendIsPatient
	if requests {
		keys = []string{"received_requests", "received_requests_v2"}
		kind = KindRequestFromPatient
	}
	_, err := records(r, keys, func(d decoder) error {
		var f struct {
			Name      string `json:"name"`
			Timestamp int64  `json:"timestamp"`
		}
		if err := d.Decode(&f); err != nil {
			return err
		}
		name := Fix(f.Name)
		if requests {
			a.rep.Counts.RequestsIn++
		} else {
			a.rep.Counts.Friends++
		}
		if m := a.match(name); m.ok {
			a.add(kind, file, Finding{Name: name, Patient: m.entry, Reasons: m.reasons, Time: unixTime(f.Timestamp)}, name, strconv.FormatInt(f.Timestamp, 10))
		}
		return nil
	})
	return err
}

// profile is the part of profile_v2 (or the older profile) that we read.
type profile struct {
	Name struct {
		FullName string `json:"full_name"`
	} `json:"name"`
	Work      []workEntry `json:"work_experiences"`
	WorkOld   []workEntry `json:"work"`
	Education []eduEntry  `json:"education_experiences"`
	EduOld    []eduEntry  `json:"education"`
}

type workEntry struct {
	Employer    string `json:"employer"`
	Title       string `json:"title"`
	Location    string `json:"location"`
	Description string `json:"description"`
	Start       int64  `json:"start_timestamp"`
}

type eduEntry struct {
	Name           string   `json:"name"`
	Degree         string   `json:"degree"`
	Concentrations []string `json:"concentrations"`
	Description    string   `json:"description"`
}

func (a *auditor) profileFile(file string, r io.Reader) error {
	d := newDecoder(r)
	if err := d.delim('{'); err != nil {
		return err
	}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return err
		}
		if k, _ := t.(string); k != "profile_v2" && k != "profile" {
			if err := d.skip(); err != nil {
				return err
			}
			continue
		}
		var p profile
		if err := d.Decode(&p); err != nil {
			return err
		}
		a.profileFindings(file, p)
	}
	return d.delim('}')
}

func (a *auditor) profileFindings(file string, p profile) {
	if n := Fix(p.Name.FullName); n != "" {
		a.profile = n
		a.rep.Owner = n
	}
	for _, w := range append(p.Work, p.WorkOld...) {
		employer, title := Fix(w.Employer), Fix(w.Title)
		text := strings.TrimSpace(strings.Join([]string{title, employer, Fix(w.Location), Fix(w.Description)}, " "))
		if text == "" {
			continue
		}
		a.rep.Counts.ProfileEntries++
		name := employer
		if title != "" && employer != "" {
			name = title + ", " + employer
		} else if title != "" {
			name = title
		}
		f := Finding{Name: name, Reasons: []string{"work entry in your profile"}}
		if hits := prefixHits(text, a.words.work); len(hits) > 0 {
			f.Reasons = append(f.Reasons, "names clinical work: "+strings.Join(hits, ", "))
		}
		g := a.add(KindProfileWork, file, f, employer, title)
		if len(f.Reasons) > 1 {
			g.Severity = "high"
		}
	}
	for _, e := range append(p.Education, p.EduOld...) {
		var parts []string
		for _, p := range append([]string{e.Name, e.Degree, e.Description}, e.Concentrations...) {
			if p = strings.TrimSpace(Fix(p)); p != "" {
				parts = append(parts, p)
			}
		}
		text := strings.Join(parts, " ")
		a.rep.Counts.ProfileEntries++
		if hits := prefixHits(text, a.words.training); len(hits) > 0 {
			a.add(KindProfileTraining, file, Finding{Name: text, Reasons: []string{"names clinical training: " + strings.Join(hits, ", ")}}, text)
		}
	}
}

func (a *auditor) groupsFile(file string, r io.Reader) error {
	_, err := records(r, []string{"groups_joined_v2", "groups_joined"}, func(d decoder) error {
		var g struct {
			Name      string `json:"name"`
			Title     string `json:"title"`
			Timestamp int64  `json:"timestamp"`
			Data      []struct {
				Name string `json:"name"`
			} `json:"data"`
		}
		if err := d.Decode(&g); err != nil {
			return err
		}
		name := g.Name
		for _, x := range g.Data {
			if x.Name != "" {
				name = x.Name
			}
		}
		if name == "" {
			name = g.Title
		}
		name = Fix(name)
		a.rep.Counts.Groups++
		if name != "" && a.groups != nil && a.groups.NameFlagged(name) {
			a.add(KindCommunityGroup, file, Finding{Name: name, Time: unixTime(g.Timestamp), Reasons: []string{"the name suggests a local community group"}}, name)
		}
		return nil
	})
	return err
}

// textOf gathers the strings of a post's data and attachment text fields.
type postRecord struct {
	Timestamp int64  `json:"timestamp"`
	Title     string `json:"title"`
	Data      []struct {
		Post    string `json:"post"`
		Comment *struct {
			Comment string `json:"comment"`
			Author  string `json:"author"`
		} `json:"comment"`
	} `json:"data"`
	Attachments []struct {
		Data []struct {
			Text string `json:"text"`
		} `json:"data"`
	} `json:"attachments"`
	Tags json.RawMessage `json:"tags"`
}

func (a *auditor) postsFile(file string, r io.Reader) error {
	i := 0
	_, err := records(r, []string{"status_updates_v2", "status_updates", "posts_v2"}, func(d decoder) error {
		var p postRecord
		if err := d.Decode(&p); err != nil {
			return err
		}
		i++
		a.rep.Counts.Posts++
		var texts []string
		for _, x := range p.Data {
			if x.Post != "" {
				texts = append(texts, Fix(x.Post))
			}
		}
		for _, at := range p.Attachments {
			for _, x := range at.Data {
				if x.Text != "" {
					texts = append(texts, Fix(x.Text))
				}
			}
		}
		a.textFindings(file, "post", p.Timestamp, strings.Join(texts, "\n"), tagNames(p.Tags))
		return nil
	})
	return err
}

// tagNames accepts tags as [{"name": ...}] or as plain strings.
func tagNames(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var objs []struct {
		Name string `json:"name"`
	}
	var out []string
	if json.Unmarshal(raw, &objs) == nil {
		for _, o := range objs {
			out = append(out, Fix(o.Name))
		}
		return out
	}
	var strs []string
	if json.Unmarshal(raw, &strs) == nil {
		for _, s := range strs {
			out = append(out, Fix(s))
		}
	}
	return out
}

func (a *auditor) commentsFile(file string, r io.Reader) error {
	_, err := records(r, []string{"comments_v2", "comments"}, func(d decoder) error {
		var p postRecord
		if err := d.Decode(&p); err != nil {
			return err
		}
		a.rep.Counts.Comments++
		for _, x := range p.Data {
			if x.Comment == nil || x.Comment.Comment == "" {
				continue
			}
			// Only the owner's own comments are in this file.
			a.textFindings(file, "comment", p.Timestamp, Fix(x.Comment.Comment), nil)
		}
		return nil
	})
	return err
}

// textFindings checks one post or comment for patients named in it (tags
// or capitalised names in the text) and for case descriptions.
func (a *auditor) textFindings(file, what string, ts int64, text string, tags []string) {
	key := strconv.FormatInt(ts, 10) + "\x00" + text
	if a.o.Patients != nil {
		seen := map[string]bool{}
		for _, cand := range append(tags, nameCandidates(text)...) {
			if seen[cand] {
				continue
			}
			seen[cand] = true
			if m := a.match(cand); m.ok {
				rs := append([]string{what + " names " + strconv.Quote(cand)}, m.reasons...)
				a.add(KindPostMentions, file, Finding{Name: cand, Patient: m.entry, Reasons: rs, Time: unixTime(ts), Excerpt: excerpt(text)}, key, cand)
			}
		}
	}
	if text == "" {
		return
	}
	if cat, rs, ok := a.o.Classifier.Clinical(text); ok {
		a.add(KindPostClinical, file, Finding{Category: cat, Reasons: rs, Time: unixTime(ts), Excerpt: excerpt(text)}, key)
	}
}

// nameCandidates returns runs of two or three capitalised words, the shape
// of a person's name in running text.
func nameCandidates(text string) []string {
	fs := strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?()[]\"“”", r)
	})
	var out []string
	for i := range fs {
		for n := 2; n <= 3 && i+n <= len(fs); n++ {
			ok := true
			for _, w := range fs[i : i+n] {
				r := []rune(w)
				if len(r) < 2 || !unicode.IsUpper(r[0]) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, strings.Join(fs[i:i+n], " "))
			}
		}
	}
	return out
}

// thread accumulates what one conversation holds, across its
// message_N.json files.
type thread struct {
	file         string
	title        string
	participants map[string]bool
	senders      map[string]*senderHits
}

type senderHits struct {
	count    int
	newest   int64
	excerpt  string
	category string
	reasons  []string
	patient  matchResult
}

type message struct {
	SenderName  string `json:"sender_name"`
	SenderE2EE  string `json:"senderName"`
	TimestampMs int64  `json:"timestamp_ms"`
	Timestamp   int64  `json:"timestamp"`
	Content     string `json:"content"`
	Text        string `json:"text"`
}

// messagesFile streams one message_N.json: the messages array is decoded
// one message at a time, everything else is skipped token by token.
func (a *auditor) messagesFile(threadDir, file string, r io.Reader) error {
	th := a.threads[threadDir]
	if th == nil {
		th = &thread{file: file, participants: map[string]bool{}, senders: map[string]*senderHits{}}
		a.threads[threadDir] = th
		a.rep.Counts.Threads++
	}
	d := newDecoder(r)
	if err := d.delim('{'); err != nil {
		return err
	}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return err
		}
		switch k, _ := t.(string); k {
		case "participants":
			var raw []json.RawMessage
			if err := d.Decode(&raw); err != nil {
				return err
			}
			for _, p := range raw {
				var s string
				var o struct {
					Name string `json:"name"`
				}
				if json.Unmarshal(p, &s) != nil {
					json.Unmarshal(p, &o)
					s = o.Name
				}
				if s != "" {
					th.participants[Fix(s)] = true
				}
			}
		case "title", "threadName":
			var s string
			if err := d.Decode(&s); err != nil {
				return err
			}
			th.title = Fix(s)
		case "messages":
			if err := d.delim('['); err != nil {
				return err
			}
			for d.More() {
				var m message
				if err := d.Decode(&m); err != nil {
					return err
				}
				a.message(th, m)
			}
			if err := d.delim(']'); err != nil {
				return err
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
	}
	return d.delim('}')
}

func (a *auditor) message(th *thread, m message) {
	a.rep.Counts.Messages++
	sender := m.SenderName
	if sender == "" {
		sender = m.SenderE2EE
	}
	text := m.Content
	if text == "" {
		text = m.Text
	}
	ms := m.TimestampMs
	if ms == 0 {
		ms = m.Timestamp
	}
	if text == "" || sender == "" {
		return
	}
	sender = Fix(sender)
	if sender == a.profile {
		return
	}
	var pm matchResult
	if a.o.Patients != nil {
		if pm = a.match(sender); !pm.ok {
			return // with a patient list, only patients' messages matter
		}
	}
	text = Fix(text)
	cat, rs, ok := a.o.Classifier.Clinical(text)
	if !ok {
		return
	}
	h := th.senders[sender]
	if h == nil {
		h = &senderHits{category: cat, reasons: rs, patient: pm, excerpt: excerpt(text)}
		th.senders[sender] = h
	}
	h.count++
	if ms > h.newest {
		h.newest = ms
	}
}

// threadFindings turns thread tallies into findings once every file has
// been read. Without a profile the owner is the name taking part in the
// most threads, since every thread includes the owner.
func (a *auditor) threadFindings() {
	owner := a.profile
	if owner == "" {
		counts := map[string]int{}
		for _, th := range a.threads {
			for p := range th.participants {
				counts[p]++
			}
		}
		best := 0
		for p, c := range counts {
			if c > best || c == best && p < owner {
				owner, best = p, c
			}
		}
		if len(a.threads) < 2 {
			owner = "" // one thread cannot tell the owner from the other person
		}
		if owner != "" {
			a.rep.Owner = owner
		}
	}
	dirs := make([]string, 0, len(a.threads))
	for dir := range a.threads {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		th := a.threads[dir]
		for sender, h := range th.senders {
			if sender == owner && owner != "" {
				continue
			}
			kind := KindClinicalThread
			f := Finding{Name: sender, Category: h.category, Reasons: h.reasons, Time: msTime(h.newest), Count: h.count, Excerpt: h.excerpt}
			if h.patient.ok {
				kind = KindPatientThread
				f.Patient = h.patient.entry
				f.Reasons = append(append([]string{}, h.patient.reasons...), h.reasons...)
			}
			if th.title != "" && th.title != sender {
				f.Reasons = append(f.Reasons, "in the conversation "+strconv.Quote(th.title))
			}
			a.add(kind, dir, f, dir, sender)
		}
	}
}
