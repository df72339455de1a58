package testbed

import (
	"fmt"
	"strings"
)

// Labels holds every UI string the testbed pages show, per locale, keyed by
// a short id. The German strings are the ones facebook.com uses in de_DE.
// Strings with %d or %s are formats. The extension's rule pack mirrors the
// ones it keys on (buttons, dialog and section names).
var Labels = map[string]map[string]string{
	"en_US": {
		"facebook":             "Facebook",
		"home":                 "Home",
		"friends":              "Friends",
		"friend_requests":      "Friend requests",
		"friend_requests_n":    "%d Friend Requests",
		"friend_requests_1":    "1 Friend Request",
		"suggestions":          "Suggestions",
		"people_you_may_know":  "People you may know",
		"see_all":              "See all",
		"confirm":              "Confirm",
		"confirm_request":      "Confirm request",
		"delete":               "Delete",
		"delete_request":       "Delete request",
		"add_friend":           "Add friend",
		"remove":               "Remove",
		"mutual_1":             "1 mutual friend",
		"mutual_n":             "%d mutual friends",
		"loading":              "Loading...",
		"search":               "Search Facebook",
		"notifications":        "Notifications",
		"messenger":            "Messenger",
		"menu":                 "Menu",
		"your_profile":         "Your profile",
		"preview_hint":         "Select people's names to preview their profile.",
		"whats_on_your_mind":   "What's on your mind?",
		"close":                "Close",
		"shortcuts":            "Shortcuts",
		"watch":                "Video",
		"groups":               "Groups",
		"chats":                "Chats",
		"message_requests":     "Message requests",
		"message":              "Message",
		"mark_as_read":         "Mark as Read",
		"unread_message":       "Unread message:",
		"search_messenger":     "Search Messenger",
		"you_prefix":           "You:",
		"close_chat":           "Close chat",
		"messages_in":          "Messages in conversation with %s",
		"conversation_list":    "Chats",
		"press_enter":          "Press enter to send",
		"open_photo":           "Open photo",
		"message_requests_sub": "Messages from people you may know appear here.",
		"end_to_end":           "End-to-end encrypted",
		"thread_list":          "Thread list",
		"active_now":           "Active now",
		"you_sent":             "You sent",
		"photo":                "Photo",
	},
	"de_DE": {
		"facebook":             "Facebook",
		"home":                 "Startseite",
		"friends":              "Freunde",
		"friend_requests":      "Freundschaftsanfragen",
		"friend_requests_n":    "%d Freundschaftsanfragen",
		"friend_requests_1":    "1 Freundschaftsanfrage",
		"suggestions":          "Vorschläge",
		"people_you_may_know":  "Personen, die du kennen könntest",
		"see_all":              "Alle ansehen",
		"confirm":              "Bestätigen",
		"confirm_request":      "Anfrage bestätigen",
		"delete":               "Löschen",
		"delete_request":       "Anfrage löschen",
		"add_friend":           "Als Freund/in hinzufügen",
		"remove":               "Entfernen",
		"mutual_1":             "1 gemeinsamer Freund",
		"mutual_n":             "%d gemeinsame Freunde",
		"loading":              "Wird geladen …",
		"search":               "Facebook durchsuchen",
		"notifications":        "Benachrichtigungen",
		"messenger":            "Messenger",
		"menu":                 "Menü",
		"your_profile":         "Dein Profil",
		"preview_hint":         "Wähle Namen von Personen aus, um eine Vorschau ihres Profils zu sehen.",
		"whats_on_your_mind":   "Was machst du gerade?",
		"close":                "Schließen",
		"shortcuts":            "Deine Verknüpfungen",
		"watch":                "Video",
		"groups":               "Gruppen",
		"chats":                "Chats",
		"message_requests":     "Nachrichtenanfragen",
		"message":              "Nachricht",
		"mark_as_read":         "Als gelesen markieren",
		"unread_message":       "Ungelesene Nachricht:",
		"search_messenger":     "Messenger durchsuchen",
		"you_prefix":           "Du:",
		"close_chat":           "Chat schließen",
		"messages_in":          "Nachrichten in der Unterhaltung mit %s",
		"conversation_list":    "Chats",
		"press_enter":          "Zum Senden Eingabetaste drücken",
		"open_photo":           "Foto öffnen",
		"message_requests_sub": "Hier werden Nachrichten von Personen angezeigt, die du vielleicht kennst.",
		"end_to_end":           "Ende-zu-Ende-verschlüsselt",
		"thread_list":          "Chatliste",
		"active_now":           "Gerade aktiv",
		"you_sent":             "Du hast gesendet",
		"photo":                "Foto",
	},
}

// DefaultLocale is the locale used when ?locale= is absent or unknown.
const DefaultLocale = "en_US"

type labels map[string]string

func labelsFor(locale string) labels {
	if l, ok := Labels[locale]; ok {
		return l
	}
	return Labels[DefaultLocale]
}

func (l labels) get(key string) string {
	s, ok := l[key]
	if !ok {
		panic("testbed: missing label " + key)
	}
	return s
}

func (l labels) f(key string, args ...any) string { return fmt.Sprintf(l.get(key), args...) }

func (l labels) mutual(n int) string {
	if n == 1 {
		return l.get("mutual_1")
	}
	return l.f("mutual_n", n)
}

func (l labels) requestCount(n int) string {
	if n == 1 {
		return l.get("friend_requests_1")
	}
	return l.f("friend_requests_n", n)
}

func htmlLang(locale string) string { return strings.SplitN(locale, "_", 2)[0] }
