package triage

// stopwords are function words in English and German, including the
// spellings of text speak. The model ignores them on their own and in pairs
// of two, so that it learns what a message is about rather than how formally
// it is written: the clinical training text is long and formal, the personal
// text short and casual, and a model that learned that difference would fail
// on a casual "hey doc is this rash bad". A pair with one content word
// ("my rash") is kept.
var stopwords = setOf(`
a an the and or but if then so as of at by for from in into on onto to with without up down out off over under
again once here there when where why how all any both each few more most other some such no nor not only own same
than too very just also now even still yet ever never already
i me my mine myself we us our ours you your yours u ur yo he him his she her hers it its they them their theirs
this that these those who whom whose which what whats
am is are was were be been being have has had having do does did doing done will would shall should can could may
might must cant couldnt wont wouldnt dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt shouldnt im ive
id ill youre youve youll hes shes theyre theyve lets thats theres heres
about above after before below between during through until while because since against among
yes yeah yep ok okay oh ah hi hey hello dear thanks thank please pls plz sorry
get got go going gonna wanna gotta one two lot lots really well much many like know think want need
r n da d k b c y 2 4 x xx xxx
der die das den dem des ein eine einer eines einem einen und oder aber wenn dann so als von vom zu zum zur mit ohne
in im an am auf aus bei beim nach vor hinter ueber unter um durch fuer gegen bis seit
ich mich mir mein meine meiner meinen meinem du dich dir dein deine er ihn ihm sein seine sie ihr ihre es wir uns
unser unsere euch euer ihnen
bin bist ist sind war waren sein habe hab hast hat haben hatte hatten werde wird werden wurde kann koennen koennte
muss soll sollte darf will moechte mag
nicht kein keine keinen auch noch schon nur sehr mal doch ja nein jetzt hier da dort was wer wie wo warum wann
welche welcher welches dass ob hallo hi danke bitte sorry
immer mehr heute gestern morgen wieder gerade grad eben etwas viel viele ganz gleich also denn dann weil man sich einfach
`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	start := -1
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' || words[i] == '\n' {
			if start >= 0 {
				m[words[start:i]] = true
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return m
}
