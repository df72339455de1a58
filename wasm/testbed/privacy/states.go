package privacy

// Audience ids as Facebook's classic privacy selector used them.
const (
	public          = "300645083384735"
	friends         = "291667064279714"
	onlyMe          = "286958161406148"
	friendsOfFriend = "275425949243301"
	friendsExcAcq   = "284920934947802"
)

// item is an About entry or a post with its audience.
type item struct {
	en, de   string
	audience string
}

// profile is one state of the testbed account: every setting the privacy
// audit reads, and the content of the About, group and review pages.
type profile struct {
	future, friendsList, followers, posting string // audience ids
	friendRequests                          string // "everyone" or "friends_of_friends"
	emailLookup, phoneLookup                string // "everyone", "friends_of_friends", "friends", "only_me"
	search, tagReview, timelineReview       bool
	active, locked                          bool
	posts                                   []item
	work, college, school                   []item
	places, contact, family, relationship   []item
	groups                                  []string
	replies                                 []string // authors of replies to the practice's reviews
}

const (
	viewerName   = "Sam Taylor"
	viewerID     = "100012345678901"
	practiceName = "Springfield Family Practice"
	practiceSlug = "springfieldfamilypractice"
)

var states = map[string]profile{
	// private: everything a cautious clinician would choose.
	"private": {
		future: friends, friendsList: onlyMe, followers: friends, posting: onlyMe,
		friendRequests: "friends_of_friends", emailLookup: "friends", phoneLookup: "only_me",
		search: false, tagReview: true, timelineReview: true, active: false, locked: true,
		posts: []item{
			{"Lovely walk along the river this morning.", "Schöner Spaziergang am Fluss heute Morgen.", friends},
			{"Sourdough attempt number four.", "Sauerteig, vierter Versuch.", friends},
			{"Note to self: renew passport.", "Notiz: Reisepass verlängern.", onlyMe},
		},
		work:    []item{{"Consultant Paediatrician at Springfield General Hospital", "Oberärztin Kinderheilkunde am Klinikum Springfield", onlyMe}},
		college: []item{{"Studied Medicine at University of Springfield", "Studierte Medizin an der Universität Springfield", friends}},
		places: []item{
			{"Lives in Springfield", "Wohnt in Springfield", onlyMe},
			{"From Shelbyville", "Aus Shelbyville", friends},
		},
		contact: []item{
			{"07700 900123 · Mobile", "07700 900123 · Handy", onlyMe},
			{"sam.taylor@example.org · Email", "sam.taylor@example.org · E-Mail", onlyMe},
		},
		groups:  []string{"Paediatric Journal Club", "Trail Running Enthusiasts", "Sourdough Bakers Worldwide"},
		replies: []string{practiceName},
	},
	// public: the defaults of an old account that was never reviewed.
	"public": {
		future: public, friendsList: public, followers: public, posting: friends,
		friendRequests: "everyone", emailLookup: "everyone", phoneLookup: "everyone",
		search: true, tagReview: false, timelineReview: false, active: true, locked: false,
		posts: []item{
			{"Long day on the ward, but worth it.", "Langer Tag auf Station, aber es hat sich gelohnt.", public},
			{"Who else is going to the Springfield summer fair?", "Wer geht noch zum Sommerfest in Springfield?", friendsOfFriend},
			{"Happy birthday, Jamie!", "Alles Gute zum Geburtstag, Jamie!", friends},
		},
		work:         []item{{"Consultant Paediatrician at Springfield General Hospital", "Oberärztin Kinderheilkunde am Klinikum Springfield", public}},
		college:      []item{{"Studied Medicine at University of Springfield", "Studierte Medizin an der Universität Springfield", public}},
		school:       []item{{"Went to Springfield High School", "Besuchte das Gymnasium Springfield", friendsOfFriend}},
		places:       []item{{"Lives in Springfield", "Wohnt in Springfield", public}},
		contact:      []item{{"07700 900123 · Mobile", "07700 900123 · Handy", public}},
		family:       []item{{"Jamie Taylor · Brother", "Jamie Taylor · Bruder", public}},
		relationship: []item{{"Married to Alex Taylor", "Verheiratet mit Alex Taylor", friendsOfFriend}},
		groups:       []string{"Springfield Mums Network", "Neighbours of Elm Street", "Ortsgruppe Musterstadt", "Paediatric Journal Club"},
		replies:      []string{viewerName, practiceName},
	},
	// mixed: some settings fixed, some not; the expected findings are a
	// table in the tests.
	"mixed": {
		future: friends, friendsList: public, followers: public, posting: onlyMe,
		friendRequests: "everyone", emailLookup: "only_me", phoneLookup: "friends_of_friends",
		search: true, tagReview: false, timelineReview: true, active: false, locked: false,
		posts: []item{
			{"Lovely walk along the river this morning.", "Schöner Spaziergang am Fluss heute Morgen.", friends},
			{"Charity 10k on Sunday, sponsor me!", "Benefizlauf am Sonntag, sponsert mich!", public},
		},
		work:    []item{{"Works at Springfield General Hospital", "Arbeitet am Klinikum Springfield", friendsOfFriend}},
		college: []item{{"Studied Medicine at University of Springfield", "Studierte Medizin an der Universität Springfield", friends}},
		places:  []item{{"Lives in Springfield", "Wohnt in Springfield", onlyMe}},
		contact: []item{
			{"07700 900123 · Mobile", "07700 900123 · Handy", public},
			{"sam.taylor@example.org · Email", "sam.taylor@example.org · E-Mail", onlyMe},
		},
		groups:  []string{"Paediatric Journal Club", "Neighbours of Elm Street"},
		replies: []string{practiceName},
	},
}

// hostileWork is a workplace whose name tries to inject markup wherever
// the audit shows what it found.
const hostileWork = `Works at <img src=x onerror="document.documentElement.dataset.pwned=1">St Elsewhere`

func init() {
	// hostile: the mixed state, with a public workplace whose name is markup.
	h := states["mixed"]
	h.work = []item{{hostileWork, hostileWork, public}}
	states["hostile"] = h
}

// States lists the testbed states. "hostile" reads like "mixed" except
// that the workplace is public and its name is an injection attempt.
var States = []string{"private", "public", "mixed", "hostile"}

// Locales lists the UI languages the testbed renders and the audit has
// labels for.
var Locales = []string{"en_US", "de_DE"}

// UnlabelledLocales are UI languages the testbed renders but the audit has
// no labels for yet: what cannot be read there must be "unknown".
var UnlabelledLocales = []string{"fr_FR"}

func init() {
	fr := map[string]string{}
	for k, v := range tr["en_US"] {
		fr[k] = v
	}
	for k, v := range map[string]string{
		"lang": "fr", "settings": "Paramètres et confidentialité", "privacy": "Confidentialité",
		"profile_and_tagging": "Profil et identification", "followers": "Followers et contenu public",
		"active_status": "Statut en ligne", "your_activity": "Votre activité",
		"find_contact":    "Comment les gens peuvent vous trouver et vous contacter",
		"future":          "Qui peut voir vos futures publications ?",
		"friend_requests": "Qui peut vous envoyer des invitations ?", "friends_list": "Qui peut voir votre liste d’amis ?",
		"email_lookup": "Qui peut vous trouver à l’aide de l’adresse e-mail que vous avez fournie ?",
		"phone_lookup": "Qui peut vous trouver à l’aide du numéro de téléphone que vous avez fourni ?",
		"search":       "Voulez-vous que les moteurs de recherche en dehors de Facebook affichent votre profil ?",
		"posting":      "Qui peut publier sur votre profil ?",
		"active":       "Afficher quand vous êtes en ligne",
		"lock_title":   "Verrouiller votre profil", "locked_title": "Vous avez verrouillé votre profil",
		"lock_btn": "Verrouiller votre profil", "unlock_btn": "Déverrouiller votre profil",
		"edit_privacy": "Modifier la confidentialité. Partagé avec : ", "shared_with": "Partagé avec : ",
		"aud_" + public: "Public", "aud_" + friends: "Amis", "aud_" + onlyMe: "Moi uniquement", "aud_" + friendsOfFriend: "Amis de leurs amis",
		"aud_" + friendsExcAcq: "Amis sauf connaissances",
		"everyone":             "Tout le monde", "friends_of_friends": "Amis de leurs amis", "friends": "Amis", "only_me": "Moi uniquement",
		"yes": "Oui", "no": "Non", "on": "Activé", "off": "Désactivé",
		"about": "À propos", "overview": "Vue d’ensemble", "work_and_education": "Emploi et scolarité", "places": "Lieux de résidence",
		"contact_and_basic_info": "Coordonnées et infos générales", "family_and_relationships": "Famille et relations",
		"work": "Emploi", "college": "Université", "school": "Lycée", "contact": "Coordonnées", "basic": "Infos générales",
		"family": "Membres de la famille", "relationship": "Situation amoureuse",
		"groups": "Groupes", "your_groups": "Vos groupes", "joined": "Tous les groupes dont vous êtes membre",
		"reviews": "Avis", "your_profile": "Votre profil", "home": "Accueil", "posts": "Publications",
	} {
		fr[k] = v
	}
	tr["fr_FR"] = fr
}

// tr holds the page's words per locale. Keys are short names used by the
// renderers; the values are what Facebook shows (or, where we could not
// confirm the live wording, our best rendering of it).
var tr = map[string]map[string]string{
	"en_US": {
		"lang": "en", "settings": "Settings & privacy", "privacy": "Privacy", "profile_and_tagging": "Profile and tagging",
		"followers": "Followers and public content", "active_status": "Active status", "your_activity": "Your activity",
		"find_contact": "How people can find and contact you",
		"future":       "Who can see your future posts?", "future_hint": "Choose who can see what you share from now on.",
		"activity_log": "Review all your posts and things you're tagged in", "use_activity_log": "Use Activity Log",
		"limit_past": "Limit the audience for posts you've shared with friends of friends or Public?", "limit_past_btn": "Limit past posts",
		"friend_requests": "Who can send you friend requests?", "friends_list": "Who can see your friends list?",
		"email_lookup": "Who can look you up using the email address you provided?",
		"phone_lookup": "Who can look you up using the phone number you provided?",
		"search":       "Do you want search engines outside of Facebook to link to your profile?",
		"posting":      "Who can post on your profile?", "others_posts": "Who can see what others post on your profile?",
		"timeline_review": "Review posts you're tagged in before the post appears on your profile?",
		"tag_review":      "Review tags people add to your posts before the tags appear on Facebook?",
		"viewing":         "Viewing and sharing", "reviewing": "Reviewing",
		"follow": "Who can follow me", "comments": "Who can comment on your public posts?",
		"active": "Show when you're active", "active_hint": "Your friends and contacts will see when you're active or recently active.",
		"lock_title": "Lock your profile", "locked_title": "You locked your profile", "lock_btn": "Lock your profile", "unlock_btn": "Unlock your profile",
		"lock_hint":    "Only your friends will see the photos and posts on your profile.",
		"edit_privacy": "Edit privacy. Sharing with ", "shared_with": "Shared with ",
		"aud_" + public: "Public", "aud_" + friends: "Friends", "aud_" + onlyMe: "Only me", "aud_" + friendsOfFriend: "Friends of friends", "aud_" + friendsExcAcq: "Friends except acquaintances",
		"everyone": "Everyone", "friends_of_friends": "Friends of friends", "friends": "Friends", "only_me": "Only me",
		"yes": "Yes", "no": "No", "on": "On", "off": "Off",
		"about": "About", "overview": "Overview", "work_and_education": "Work and education", "places": "Places lived",
		"contact_and_basic_info": "Contact and basic info", "family_and_relationships": "Family and relationships",
		"work": "Work", "college": "College", "school": "High school", "contact": "Contact info", "basic": "Basic info",
		"family": "Family members", "relationship": "Relationship",
		"add_work": "Add a workplace", "add_college": "Add college", "add_school": "Add high school", "add_city": "Add current city",
		"add_mobile": "Add a mobile phone", "add_family": "Add a family member", "add_relationship": "Add a relationship status",
		"groups": "Groups", "your_groups": "Your groups", "feed": "Your feed", "discover": "Discover",
		"joined": "All groups you've joined", "view_group": "View group", "no_groups": "You haven't joined any groups yet",
		"reviews": "Reviews", "review_by": "Review by ", "reply_by": "Reply by ", "reply_to": " to ", "review_suffix": "'s review",
		"recommends": "recommends", "your_profile": "Your profile", "home": "Home", "posts": "Posts", "composer": "What's on your mind?",
		"comment_by": "Comment by ", "like": "Like", "comment": "Comment",
	},
	"de_DE": {
		"lang": "de", "settings": "Einstellungen und Privatsphäre", "privacy": "Privatsphäre", "profile_and_tagging": "Profil und Markierungen",
		"followers": "Follower und öffentliche Inhalte", "active_status": "Aktivitätsstatus", "your_activity": "Deine Aktivität",
		"find_contact": "Wie Personen dich finden und kontaktieren können",
		"future":       "Wer kann deine zukünftigen Beiträge sehen?", "future_hint": "Wähle aus, wer ab jetzt sehen kann, was du teilst.",
		"activity_log": "Alle deine Beiträge und Inhalte, in denen du markiert bist, überprüfen", "use_activity_log": "Aktivitätenprotokoll verwenden",
		"limit_past": "Möchtest du das Publikum für Beiträge einschränken, die du mit Freunden von Freunden oder öffentlich geteilt hast?", "limit_past_btn": "Frühere Beiträge einschränken",
		"friend_requests": "Wer kann dir Freundschaftsanfragen senden?", "friends_list": "Wer kann deine Freundesliste sehen?",
		"email_lookup": "Wer kann dich über die von dir angegebene E-Mail-Adresse finden?",
		"phone_lookup": "Wer kann dich über die von dir angegebene Telefonnummer finden?",
		"search":       "Möchtest du, dass Suchmaschinen außerhalb von Facebook auf dein Profil verlinken?",
		"posting":      "Wer kann auf deinem Profil posten?", "others_posts": "Wer kann sehen, was andere auf deinem Profil posten?",
		"timeline_review": "Beiträge, in denen du markiert wurdest, überprüfen, bevor sie auf deinem Profil erscheinen?",
		"tag_review":      "Markierungen, die andere zu deinen Beiträgen hinzufügen, überprüfen, bevor sie auf Facebook erscheinen?",
		"viewing":         "Anzeigen und Teilen", "reviewing": "Überprüfen",
		"follow": "Wer kann mir folgen?", "comments": "Wer kann deine öffentlichen Beiträge kommentieren?",
		"active": "Anzeigen, wenn du aktiv bist", "active_hint": "Deine Freunde und Kontakte sehen, wann du aktiv bist oder kürzlich aktiv warst.",
		"lock_title": "Dein Profil sperren", "locked_title": "Du hast dein Profil gesperrt", "lock_btn": "Dein Profil sperren", "unlock_btn": "Profil entsperren",
		"lock_hint":    "Nur deine Freunde sehen die Fotos und Beiträge in deinem Profil.",
		"edit_privacy": "Privatsphäre bearbeiten. Geteilt mit: ", "shared_with": "Geteilt mit: ",
		"aud_" + public: "Öffentlich", "aud_" + friends: "Freunde", "aud_" + onlyMe: "Nur ich", "aud_" + friendsOfFriend: "Freunde von Freunden", "aud_" + friendsExcAcq: "Freunde außer Bekannte",
		"everyone": "Alle", "friends_of_friends": "Freunde von Freunden", "friends": "Freunde", "only_me": "Nur ich",
		"yes": "Ja", "no": "Nein", "on": "An", "off": "Aus",
		"about": "Info", "overview": "Übersicht", "work_and_education": "Arbeit und Ausbildung", "places": "Wohnorte",
		"contact_and_basic_info": "Kontakt- und allgemeine Infos", "family_and_relationships": "Familie und Beziehungen",
		"work": "Arbeit", "college": "Hochschule", "school": "Schule", "contact": "Kontaktinformationen", "basic": "Allgemeine Infos",
		"family": "Familienmitglieder", "relationship": "Beziehung",
		"add_work": "Arbeitsplatz hinzufügen", "add_college": "Hochschule hinzufügen", "add_school": "Schule hinzufügen", "add_city": "Aktuellen Wohnort hinzufügen",
		"add_mobile": "Handynummer hinzufügen", "add_family": "Familienmitglied hinzufügen", "add_relationship": "Beziehungsstatus hinzufügen",
		"groups": "Gruppen", "your_groups": "Deine Gruppen", "feed": "Dein Feed", "discover": "Entdecken",
		"joined": "Alle Gruppen, denen du beigetreten bist", "view_group": "Gruppe ansehen", "no_groups": "Du bist noch keiner Gruppe beigetreten",
		"reviews": "Bewertungen", "review_by": "Bewertung von ", "reply_by": "Antwort von ", "reply_to": " auf ", "review_suffix": "s Bewertung",
		"recommends": "empfiehlt", "your_profile": "Dein Profil", "home": "Startseite", "posts": "Beiträge", "composer": "Was machst du gerade?",
		"comment_by": "Kommentar von ", "like": "Gefällt mir", "comment": "Kommentieren",
	},
}
