package privacy

import (
	"hash/fnv"
	"strconv"
)

// settingsNav is the settings menu. Its entries repeat page names, and the
// audit must not mistake them for row labels.
func (pg *pageCtx) settingsNav() {
	w, t := pg.w, pg.t
	w.el("div", []string{"role", "navigation", "aria-label", t["settings"]}, func() {
		w.nest(func() { w.heading(1, t["settings"]) })
		for _, tab := range []string{"privacy", "profile_and_tagging", "followers", "active_status"} {
			w.nest(func() {
				w.el("a", []string{"href", pg.link("/settings?tab=" + tab), "role", "link"}, func() { w.nest(func() { w.text(t[tab]) }) })
			})
		}
	})
}

// row writes one settings row: label and hint on one side, the control on
// the other, each at its own random depth.
func (pg *pageCtx) row(label, hint string, control func()) {
	w := pg.w
	w.nest(func() {
		w.open("div")
		w.nest(func() {
			w.nest(func() { w.text(label) })
			if hint != "" {
				w.nest(func() { w.text(hint) })
			}
		})
		w.nest(control)
		w.close("div")
	})
}

var audienceOrder = []string{public, friendsOfFriend, friends, friendsExcAcq, onlyMe}

// audienceRow is a row with Comet's audience selector button; expanded
// adds the open listbox of choices, as when a deep link opens a section.
func (pg *pageCtx) audienceRow(labelKey, hint, aud string, expanded bool, choices []string) {
	w, t := pg.w, pg.t
	pg.row(t[labelKey], hint, func() {
		w.el("div", []string{"role", "button", "tabindex", "0", "aria-haspopup", "listbox", "aria-expanded", strconv.FormatBool(expanded),
			"aria-label", t["edit_privacy"] + t["aud_"+aud] + "."}, func() {
			w.nest(func() { w.el("svg", []string{"viewBox", "0 0 16 16", "aria-hidden", "true"}, nil) })
			w.nest(func() { w.text(t["aud_"+aud]) })
		})
		if expanded {
			w.el("div", []string{"role", "listbox", "aria-label", t[labelKey]}, func() {
				for _, c := range choices {
					w.el("div", []string{"role", "option", "aria-selected", strconv.FormatBool(c == aud), "tabindex", "-1"}, func() {
						w.nest(func() { w.text(t["aud_"+c]) })
					})
				}
			})
		}
	})
}

// choiceRow is a row whose value is a combobox showing the current choice.
func (pg *pageCtx) choiceRow(labelKey, value string, expanded bool, choices []string) {
	w, t := pg.w, pg.t
	pg.row(t[labelKey], "", func() {
		w.el("div", []string{"role", "combobox", "tabindex", "0", "aria-haspopup", "listbox", "aria-expanded", strconv.FormatBool(expanded)}, func() {
			w.nest(func() { w.text(t[value]) })
		})
		if expanded {
			w.el("div", []string{"role", "listbox"}, func() {
				for _, c := range choices {
					w.el("div", []string{"role", "option", "aria-selected", strconv.FormatBool(c == value)}, func() { w.text(t[c]) })
				}
			})
		}
	})
}

// switchRow is a row with a toggle. byLabel puts the row label on the
// switch itself as aria-label; otherwise the switch points at the label
// with aria-labelledby, as Comet does in some dialogs.
func (pg *pageCtx) switchRow(labelKey string, on, byLabel bool) {
	w, t := pg.w, pg.t
	attrs := []string{"type", "checkbox", "role", "switch", "aria-checked", strconv.FormatBool(on)}
	if on {
		attrs = append(attrs, "checked", "")
	}
	if byLabel {
		attrs = append(attrs, "aria-label", t[labelKey])
	} else {
		attrs = append(attrs, "aria-labelledby", "lbl_"+labelKey)
	}
	w.nest(func() {
		w.open("div")
		w.nest(func() {
			w.el("span", []string{"id", "lbl_" + labelKey, "dir", "auto"}, func() { w.el("span", nil, func() { w.b.WriteString(escape(t[labelKey])) }) })
		})
		w.nest(func() {
			w.void("input", attrs...)
			w.el("span", []string{"aria-hidden", "true"}, func() { w.b.WriteString(escape(t[map[bool]string{true: "on", false: "off"}[on]])) })
		})
		w.close("div")
	})
}

func (pg *pageCtx) settingsData() {
	p := pg.p
	pg.w.data("CometSettingsPrivacyQuery", map[string]any{"viewer": map[string]any{"privacy_settings": map[string]any{
		"future_posts":    map[string]any{"audience_id": p.future},
		"friends_list":    map[string]any{"audience_id": p.friendsList},
		"friend_requests": map[string]any{"value": p.friendRequests},
		"findemail":       map[string]any{"value": p.emailLookup},
		"findphone":       map[string]any{"value": p.phoneLookup},
		"search_engines":  map[string]any{"enabled": p.search},
		"profile_posting": map[string]any{"audience_id": p.posting},
		"tag_review":      map[string]any{"enabled": p.tagReview},
		"timeline_review": map[string]any{"enabled": p.timelineReview},
		"followers":       map[string]any{"audience_id": p.followers},
		"active_status":   map[string]any{"enabled": p.active},
	}}})
}

func (pg *pageCtx) privacySettings() {
	w, t, p := pg.w, pg.t, pg.p
	sec := pg.q.Get("section")
	pg.settingsNav()
	w.nest(func() {
		w.heading(2, t["privacy"])
		w.nest(func() {
			w.heading(3, t["your_activity"])
			pg.audienceRow("future", t["future_hint"], p.future, sec == "composer", audienceOrder)
			pg.row(t["activity_log"], "", func() {
				w.el("a", []string{"href", pg.link("/me/allactivity"), "role", "link"}, func() { w.text(t["use_activity_log"]) })
			})
			pg.row(t["limit_past"], "", func() {
				w.el("div", []string{"role", "button", "tabindex", "0"}, func() { w.text(t["limit_past_btn"]) })
			})
		})
		w.nest(func() {
			w.heading(3, t["find_contact"])
			pg.choiceRow("friend_requests", p.friendRequests, sec == "canfriend", []string{"everyone", "friends_of_friends"})
			pg.audienceRow("friends_list", "", p.friendsList, sec == "friendlist", audienceOrder)
			lookup := []string{"everyone", "friends_of_friends", "friends", "only_me"}
			pg.choiceRow("email_lookup", p.emailLookup, sec == "findemail", lookup)
			pg.choiceRow("phone_lookup", p.phoneLookup, sec == "findphone", lookup)
			pg.switchRow("search", p.search, false)
		})
	})
	pg.settingsData()
}

func (pg *pageCtx) taggingSettings() {
	w, t, p := pg.w, pg.t, pg.p
	pg.settingsNav()
	w.nest(func() {
		w.heading(2, t["profile_and_tagging"])
		w.nest(func() {
			w.heading(3, t["viewing"])
			pg.audienceRow("posting", "", p.posting, false, nil)
			// A neighbouring audience row the audit does not read.
			pg.audienceRow("others_posts", "", friendsOfFriend, false, nil)
		})
		w.nest(func() {
			w.heading(3, t["reviewing"])
			pg.switchRow("timeline_review", p.timelineReview, true)
			pg.switchRow("tag_review", p.tagReview, false)
		})
	})
	pg.settingsData()
}

func (pg *pageCtx) followerSettings() {
	w, t, p := pg.w, pg.t, pg.p
	pg.settingsNav()
	w.nest(func() {
		w.heading(2, t["followers"])
		pg.audienceRow("follow", "", p.followers, false, nil)
		pg.audienceRow("comments", "", public, false, nil)
	})
	pg.settingsData()
}

func (pg *pageCtx) activeStatus() {
	w, t, p := pg.w, pg.t, pg.p
	pg.settingsNav()
	w.nest(func() {
		w.heading(2, t["active_status"])
		pg.switchRow("active", p.active, true)
		w.nest(func() { w.text(t["active_hint"]) })
	})
	pg.settingsData()
}

func (pg *pageCtx) lockPage() {
	w, t, p := pg.w, pg.t, pg.p
	w.nest(func() {
		if p.locked {
			w.el("h1", nil, func() { w.text(t["locked_title"]) })
			w.nest(func() { w.text(t["lock_hint"]) })
			w.nest(func() {
				w.el("div", []string{"role", "button", "tabindex", "0"}, func() { w.nest(func() { w.text(t["unlock_btn"]) }) })
			})
			return
		}
		w.el("h1", nil, func() { w.text(t["lock_title"]) })
		w.nest(func() { w.text(t["lock_hint"]) })
		w.nest(func() {
			w.el("div", []string{"role", "button", "tabindex", "0", "aria-label", t["lock_btn"]}, func() { w.nest(func() { w.text(t["lock_btn"]) }) })
		})
	})
}

func (pg *pageCtx) profileHeader() {
	w, t := pg.w, pg.t
	w.nest(func() {
		w.el("h1", nil, func() { w.text(viewerName) })
	})
	w.el("div", []string{"role", "tablist"}, func() {
		for _, tab := range []struct{ key, path string }{{"posts", "/me"}, {"about", "/me/about"}} {
			w.el("a", []string{"role", "tab", "href", pg.link(tab.path)}, func() { w.text(t[tab.key]) })
		}
	})
}

func (pg *pageCtx) timeline() {
	w, t, p := pg.w, pg.t, pg.p
	pg.profileHeader()
	w.nest(func() {
		// The composer's audience is the future-posts default, not a post.
		w.el("div", []string{"role", "button", "tabindex", "0"}, func() { w.text(t["composer"]) })
		w.el("div", []string{"role", "button", "tabindex", "0", "aria-label", t["edit_privacy"] + t["aud_"+p.future] + "."}, func() { w.text(t["aud_"+p.future]) })
	})
	w.el("div", []string{"role", "feed"}, func() {
		for i, post := range p.posts {
			w.nest(func() {
				w.el("div", []string{"role", "article", "aria-posinset", strconv.Itoa(i + 1), "aria-describedby", "post_" + strconv.Itoa(i)}, func() {
					w.nest(func() {
						w.el("h2", nil, func() { w.el("a", []string{"href", pg.link("/me"), "role", "link"}, func() { w.text(viewerName) }) })
						w.nest(func() {
							w.el("a", []string{"href", "/" + viewerID + "/posts/" + strconv.Itoa(9000+i), "role", "link"}, func() { w.text(strconv.Itoa(i+2) + "d") })
							w.el("span", nil, func() {
								w.el("svg", []string{"role", "img", "aria-label", t["shared_with"] + t["aud_"+post.audience]}, nil)
							})
						})
					})
					w.nest(func() {
						w.el("div", []string{"dir", "auto", "id", "post_" + strconv.Itoa(i)}, func() { w.b.WriteString(escape(pg.loc(post))) })
					})
					w.nest(func() {
						w.el("div", []string{"role", "button", "aria-label", t["like"]}, nil)
						w.el("div", []string{"role", "button", "aria-label", t["comment"]}, nil)
					})
					w.nest(func() {
						w.el("div", []string{"role", "article", "aria-label", t["comment_by"] + "Jamie Taylor"}, func() { w.text("👍") })
					})
				})
			})
		}
	})
}

func (pg *pageCtx) loc(it item) string {
	if pg.t["lang"] == "de" {
		return it.de
	}
	return it.en
}

var aboutTabs = []string{"about", "about_work_and_education", "about_places", "about_contact_and_basic_info", "about_family_and_relationships"}

func (pg *pageCtx) aboutKnown(sk string) bool {
	for _, s := range aboutTabs {
		if s == sk {
			return true
		}
	}
	return false
}

type aboutSection struct {
	heading, add string
	items        []item
}

func (pg *pageCtx) about(sk string) {
	w, t, p := pg.w, pg.t, pg.p
	pg.profileHeader()
	work := []aboutSection{{"work", "add_work", p.work}, {"college", "add_college", p.college}, {"school", "add_school", p.school}}
	places := []aboutSection{{"places", "add_city", p.places}}
	contact := []aboutSection{{"contact", "add_mobile", p.contact}}
	family := []aboutSection{{"relationship", "add_relationship", p.relationship}, {"family", "add_family", p.family}}
	var secs []aboutSection
	switch sk {
	case "about":
		secs = append(append(append(append(secs, work...), places...), contact...), family...)
	case "about_work_and_education":
		secs = work
	case "about_places":
		secs = places
	case "about_contact_and_basic_info":
		secs = contact
	case "about_family_and_relationships":
		secs = family
	}
	w.nest(func() {
		w.el("div", []string{"role", "tablist", "aria-label", t["about"]}, func() {
			for i, tab := range aboutTabs {
				key := map[int]string{0: "overview"}[i]
				if key == "" {
					key = tab[len("about_"):]
				}
				w.el("a", []string{"role", "tab", "aria-selected", strconv.FormatBool(tab == sk), "href", pg.link("/me/" + tab)}, func() { w.text(t[key]) })
			}
		})
		w.nest(func() {
			pg.lazy(func() {
				for _, s := range secs {
					pg.section(s)
				}
				if sk == "about_contact_and_basic_info" || sk == "about" {
					// Basic info carries audience buttons too; it belongs to no check.
					pg.section(aboutSection{"basic", "", []item{{"Female · Gender", "Weiblich · Geschlecht", public}, {"14 March · Birthday", "14. März · Geburtstag", friends}}})
				}
			})
		})
	})
}

func (pg *pageCtx) section(s aboutSection) {
	w, t := pg.w, pg.t
	w.nest(func() {
		w.open("div")
		w.nest(func() { w.heading(3, t[s.heading]) })
		if len(s.items) == 0 && s.add != "" {
			w.nest(func() {
				w.el("a", []string{"href", "#", "role", "link"}, func() {
					w.el("svg", []string{"aria-hidden", "true"}, nil)
					w.nest(func() { w.text(t[s.add]) })
				})
			})
		}
		for _, it := range s.items {
			w.nest(func() {
				w.open("div")
				w.nest(func() { w.el("svg", []string{"aria-hidden", "true", "viewBox", "0 0 20 20"}, nil) })
				w.nest(func() { w.text(pg.loc(it)) })
				w.nest(func() {
					w.el("div", []string{"role", "button", "tabindex", "0", "aria-label", t["edit_privacy"] + t["aud_"+it.audience] + "."}, func() {
						w.el("svg", []string{"aria-hidden", "true"}, nil)
					})
				})
				w.close("div")
			})
		}
		w.close("div")
	})
}

func groupID(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	return strconv.FormatUint(h.Sum64()%1e15, 10)
}

func (pg *pageCtx) groups() {
	w, t, p := pg.w, pg.t, pg.p
	w.el("div", []string{"role", "navigation", "aria-label", t["groups"]}, func() {
		for _, nav := range []struct{ key, path string }{{"feed", "/groups/feed/"}, {"discover", "/groups/discover/"}, {"your_groups", "/groups/joins/"}} {
			w.nest(func() {
				w.el("a", []string{"href", pg.link(nav.path), "role", "link"}, func() { w.text(t[nav.key]) })
			})
		}
	})
	w.nest(func() {
		if len(p.groups) == 0 {
			w.nest(func() { w.text(t["no_groups"]) })
			return
		}
		w.nest(func() { w.heading(2, t["joined"]+" ("+strconv.Itoa(len(p.groups))+")") })
		w.el("div", []string{"role", "list"}, func() {
			for _, g := range p.groups {
				id := groupID(g)
				w.el("div", []string{"role", "listitem"}, func() {
					w.nest(func() {
						w.el("a", []string{"href", "/groups/" + id + "/", "aria-hidden", "true", "tabindex", "-1"}, func() {
							w.el("img", []string{"alt", "", "src", "data:,"}, nil)
						})
					})
					w.nest(func() {
						w.nest(func() {
							w.el("a", []string{"href", "/groups/" + id + "/", "role", "link", "tabindex", "0"}, func() { w.text(g) })
						})
						w.nest(func() { w.text("3w") })
					})
					w.nest(func() {
						w.el("a", []string{"href", "/groups/" + id + "/", "role", "link", "aria-label", t["view_group"]}, func() { w.text(t["view_group"]) })
					})
				})
			}
		})
	})
}

func (pg *pageCtx) replyLabel(author, reviewer string) string {
	if pg.t["lang"] == "de" {
		return "Antwort von " + author + " auf die Bewertung von " + reviewer
	}
	return "Reply by " + author + " to " + reviewer + "'s review"
}

func (pg *pageCtx) reviews() {
	w, t, p := pg.w, pg.t, pg.p
	w.nest(func() { w.el("h1", nil, func() { w.text(practiceName) }) })
	w.el("div", []string{"role", "tablist"}, func() {
		w.el("a", []string{"role", "tab", "href", "/" + practiceSlug}, func() { w.text(t["posts"]) })
		w.el("a", []string{"role", "tab", "aria-selected", "true", "href", "/" + practiceSlug + "/reviews"}, func() { w.text(t["reviews"]) })
	})
	reviewers := []string{"Pat Jones", "Chris Doe"}
	texts := []string{"Dr Taylor was wonderful with our daughter.", "Friendly staff, short waits."}
	w.el("div", []string{"role", "feed"}, func() {
		for i, reviewer := range reviewers {
			w.nest(func() {
				w.el("div", []string{"role", "article", "aria-label", t["review_by"] + reviewer}, func() {
					w.nest(func() { w.text(reviewer + " " + t["recommends"] + " " + practiceName) })
					w.nest(func() { w.el("div", []string{"dir", "auto"}, func() { w.b.WriteString(escape(texts[i])) }) })
					for j, author := range p.replies {
						if j%len(reviewers) != i {
							continue
						}
						w.nest(func() {
							w.el("div", []string{"role", "article", "aria-label", pg.replyLabel(author, reviewer)}, func() {
								w.nest(func() { w.el("a", []string{"href", "/" + practiceSlug, "role", "link"}, func() { w.text(author) }) })
								w.nest(func() { w.text("Thank you for your kind words!") })
							})
						})
					}
				})
			})
		}
	})
}

// lazyDelayMS is how long a lazy page keeps its content back, in the
// range Comet takes to fetch an About tab's sections after the shell.
const lazyDelayMS = 2500

// lazy writes f's markup directly, or with ?lazy=1 (or the testbed_lazy
// cookie) inside a template that page script puts in place after a delay,
// the way Comet fills the About tabs after the page shell has loaded.
// lazy=N with N above 1 is the delay in milliseconds (at most 20000).
func (pg *pageCtx) lazy(f func()) {
	delay := lazyDelayMS
	switch n, err := strconv.Atoi(pg.q.Get("lazy")); {
	case err != nil || n <= 0:
		f()
		return
	case n > 1:
		delay = min(n, 20000)
	}
	w := pg.w
	w.b.WriteString(`<template data-lazy="">`)
	f()
	w.b.WriteString(`</template><script>setTimeout(function () {` +
		`document.querySelectorAll("template[data-lazy]").forEach(function (t) { t.replaceWith(t.content.cloneNode(true)); });` +
		`}, ` + strconv.Itoa(delay) + `);</script>`)
}
