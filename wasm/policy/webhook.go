package policy

// The after-hours autoresponder for a clinic's business Page, as a
// Messenger Platform webhook. Outside the clinic's hours it answers each
// sender once per closed period with the clinic's after-hours template,
// or with the emergency template when the triage detector (the same one
// the extension runs) calls the message an emergency. Within hours it
// stays silent: the team answers. It reads the policy pack for the
// profile, hours and templates, and keeps only claim keys (message ids,
// sender ids and period starts) for idempotency, never message text.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/policy/pack"
	"github.com/boundaryhq/boundary/wasm/triage"
	"github.com/tidwall/gjson"
)

// Messaging window: the Send API accepts a standard reply only within 24
// hours of the person's message.
const window = 24 * time.Hour

// How long claims are kept: message ids outlive Meta's retries; a period
// claim outlives the longest closed period looked back over.
const (
	messageClaimTTL = 7 * 24 * time.Hour
	periodClaimTTL  = 40 * 24 * time.Hour
	maxLookBack     = 31 * 24 * time.Hour
)

var classifier = sync.OnceValues(func() (*triage.Classifier, error) { return triage.Load(rules.FS) })

func (s *Server) verifyWebhook(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	want := s.cfg.Env(EnvVerifyToken)
	if want == "" || q.Get("hub.mode") != "subscribe" || !sameSecret(q.Get("hub.verify_token"), want) {
		fail(w, http.StatusForbidden, "verification failed")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(q.Get("hub.challenge")))
}

func (s *Server) webhook(w http.ResponseWriter, r *http.Request) {
	secret := s.cfg.Env(EnvAppSecret)
	if secret == "" {
		fail(w, http.StatusServiceUnavailable, "the webhook is not configured")
		return
	}
	// The signature is checked on the raw bytes before anything in the
	// body is looked at.
	sig, ok := strings.CutPrefix(r.Header.Get("X-Hub-Signature-256"), "sha256=")
	want, err := hex.DecodeString(sig)
	if !ok || err != nil || len(want) != sha256.Size {
		fail(w, http.StatusUnauthorized, "missing or malformed X-Hub-Signature-256")
		return
	}
	body, ok := readBody(w, r, maxWebhookBody)
	if !ok {
		return
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), want) {
		fail(w, http.StatusUnauthorized, "bad signature")
		return
	}
	v := gjson.ParseBytes(body)
	if !gjson.ValidBytes(body) || v.Get("object").Str != "page" {
		fail(w, http.StatusBadRequest, "not a Page webhook event")
		return
	}
	clinic := r.PathValue("clinic")
	var failed bool
	for _, entry := range v.Get("entry").Array() {
		for _, ev := range entry.Get("messaging").Array() {
			if err := s.handleMessage(r.Context(), clinic, ev); err != nil {
				s.cfg.Logf("webhook %s: %v", clinic, err)
				failed = true
			}
		}
	}
	if failed {
		// Meta retries the delivery; the claims make the retry answer only
		// what failed.
		fail(w, http.StatusBadGateway, "a reply could not be sent; retry")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("EVENT_RECEIVED"))
}

// handleMessage answers one messaging event if it should be answered. It
// returns an error only for failures worth a retry.
func (s *Server) handleMessage(ctx context.Context, clinicID string, ev gjson.Result) error {
	msg := ev.Get("message")
	mid, sender := msg.Get("mid").Str, ev.Get("sender.id").Str
	if !msg.Exists() || msg.Get("is_echo").Bool() || mid == "" || sender == "" {
		return nil // echoes of our own replies, reads, deliveries, reactions
	}
	now := s.cfg.Now()
	sent := now
	if ms := ev.Get("timestamp").Int(); ms > 0 {
		sent = time.UnixMilli(ms)
	}
	if now.Sub(sent) > window {
		s.cfg.Logf("webhook %s: message %s is outside the 24-hour window", clinicID, mid)
		return nil
	}
	st, err := s.cfg.Store.Policy(ctx, clinicID)
	if err != nil {
		return err
	}
	if st == nil {
		s.cfg.Logf("webhook %s: no policy, no reply", clinicID)
		return nil
	}
	pk, probs := pack.Validate(st.Body)
	if pk == nil || pk.Profile == nil || pk.Profile.Hours == nil || !pk.Autoresponder {
		s.cfg.Logf("webhook %s: policy has no profile with hours or switches the autoresponder off (%d problems)", clinicID, len(probs))
		return nil
	}
	prof := pk.Profile
	closed := func(t time.Time) bool { return !prof.Hours.Open(t) || prof.AwayOn(t) != nil }
	if !closed(sent) {
		return nil
	}
	midKey := "mid:" + clinicID + ":" + mid
	fresh, err := s.cfg.Store.Claim(ctx, midKey, now, messageClaimTTL)
	if err != nil || !fresh {
		return err
	}
	tri, err := classifier()
	if err != nil {
		return err
	}
	res := tri.Classify(triage.Message{ID: mid, Text: msg.Get("text").Str, Incoming: true, SentAt: sent}, triage.Context{Hours: prof.Hours})
	situation := "after_hours"
	if res.Category == "emergency" {
		situation = "emergency"
	}
	periodKey := "once:" + clinicID + ":" + sender + ":" + situation + ":" + closedSince(closed, sent)
	fresh, err = s.cfg.Store.Claim(ctx, periodKey, now, periodClaimTTL)
	if err != nil {
		s.cfg.Store.Unclaim(ctx, midKey)
		return err
	}
	if !fresh {
		return nil // this sender already had this reply in this closed period
	}
	lib, err := pk.Library()
	if err != nil {
		return err
	}
	sugg := lib.Suggest(situation, prof, "")
	if len(sugg) == 0 {
		s.cfg.Logf("webhook %s: no %s template renders from the profile", clinicID, situation)
		return nil
	}
	if err := s.send(ctx, clinicID, sender, sugg[0].Text); err != nil {
		s.cfg.Store.Unclaim(ctx, periodKey)
		s.cfg.Store.Unclaim(ctx, midKey)
		return err
	}
	s.cfg.Logf("webhook %s: sent %s to a sender for message %s", clinicID, sugg[0].TemplateID, mid)
	return nil
}

// closedSince names the closed period that includes t by the minute it
// began, found by walking back a minute at a time.
func closedSince(closed func(time.Time) bool, t time.Time) string {
	start := t.Truncate(time.Minute)
	for i := 0; i < int(maxLookBack/time.Minute); i++ {
		prev := start.Add(-time.Minute)
		if !closed(prev) {
			return start.UTC().Format(time.RFC3339)
		}
		start = prev
	}
	// Closed for longer than we look back: count periods in blocks of
	// that length, so a long closure still answers a sender again now
	// and then.
	return "long:" + strconv.FormatInt(t.Unix()/int64(maxLookBack/time.Second), 10)
}

// pageToken is the clinic's Page access token: MESSENGER_PAGE_TOKEN_<CLINIC>
// (upper case, '-' as '_') when set, else MESSENGER_PAGE_TOKEN.
func (s *Server) pageToken(clinicID string) string {
	name := EnvPageToken + "_" + strings.ToUpper(strings.ReplaceAll(clinicID, "-", "_"))
	if t := s.cfg.Env(name); t != "" {
		return t
	}
	return s.cfg.Env(EnvPageToken)
}

// send posts one text reply through the Send API.
func (s *Server) send(ctx context.Context, clinicID, recipient, text string) error {
	tok := s.pageToken(clinicID)
	if tok == "" {
		return errors.New("no Page access token configured")
	}
	base := strings.TrimRight(s.cfg.Env(EnvSendAPI), "/")
	if base == "" {
		base = DefaultSendAPI
	}
	var jw jsonw.Writer
	jw.BeginObject().Key("recipient").BeginObject().FieldString("id", recipient).EndObject().
		FieldString("messaging_type", "RESPONSE").
		Key("message").BeginObject().FieldString("text", text).EndObject().EndObject()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/me/messages", bytes.NewReader(jw.Bytes()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	if s.cfg.Do == nil {
		return errors.New("no HTTP client configured for the Send API")
	}
	res, err := s.cfg.Do(req)
	if err != nil {
		return errors.New("send API: " + err.Error())
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		return errors.New("send API answered " + res.Status)
	}
	return nil
}
