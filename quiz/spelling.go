package quiz

import (
	"slices"
	"strings"
)

// British and American spellings of one word count as the same word: Normalize
// turns each word into its American spelling. Three kinds of rules do it,
// chosen so that no two different English words are made one:
//
//   - whole words whose spellings differ irregularly (programme, grey,
//     cheque, jewellery, ...);
//   - stems, which carry their derived forms along: "colour" makes colours,
//     coloured, colourful; "defenc" makes defence, defences, defenceless;
//   - two suffix rules: -ise/-isation (organise, harmonise, organisation)
//     and -lyse (analyse, paralyse) become -ize and -lyze in words whose
//     stem has at least four letters, which spares rise, wise, advise and
//     the like. A word such as "promise" becomes "promize" under it, a word
//     that does not exist, so nothing is confused.
//
// Every rule maps to a spelling that no rule maps further, so Normalize stays
// idempotent (TestSpellingIdempotent).

// spellingWords are whole words, British (or variant) → American.
var spellingWords = map[string]string{
	"programme": "program", "programmes": "programs",
	"grey": "gray", "greys": "grays", "greyish": "grayish",
	"cheque": "check", "cheques": "checks",
	"tyre": "tire", "tyres": "tires",
	"kerb": "curb", "kerbs": "curbs",
	"plough": "plow", "ploughs": "plows", "ploughed": "plowed", "ploughing": "plowing",
	"jewellery": "jewelry",
	"aluminium": "aluminum",
	"artefact":  "artifact", "artefacts": "artifacts",
	"aeroplane": "airplane", "aeroplanes": "airplanes",
	"mould": "mold", "moulds": "molds", "mouldy": "moldy",
	"smoulder": "smolder", "smouldering": "smoldering",
	"moustache": "mustache",
	"pyjamas":   "pajamas",
	"sulphur":   "sulfur", "sulphuric": "sulfuric",
	"gaol":   "jail",
	"storey": "story", "storeys": "stories",
	"draught": "draft", "draughts": "drafts",
	"judgement": "judgment", "judgements": "judgments",
	"acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
	"ageing": "aging",
	"fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
	"enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
	"instalment": "installment", "instalments": "installments",
	"skilful": "skillful", "skilfully": "skillfully",
	"wilful": "willful", "wilfully": "willfully",
	"catalogue": "catalog", "catalogues": "catalogs", "catalogued": "cataloged",
	"dialogue": "dialog", "dialogues": "dialogs",
	"analogue": "analog", "analogues": "analogs",
	"monologue": "monolog", "prologue": "prolog", "epilogue": "epilog",
	"manoeuvre": "maneuver", "manoeuvres": "maneuvers", "manoeuvring": "maneuvering",
	"encyclopaedia": "encyclopedia", "encyclopaedias": "encyclopedias",
	"anaemia": "anemia", "anaesthesia": "anesthesia", "haemoglobin": "hemoglobin",
	"oesophagus": "esophagus", "foetus": "fetus", "oestrogen": "estrogen",
	"paediatric": "pediatric", "paediatrics": "pediatrics",
	"sceptic": "skeptic", "sceptics": "skeptics", "sceptical": "skeptical", "scepticism": "skepticism",
	"cosy": "cozy", "cosier": "cozier",
	"doughnut": "donut", "doughnuts": "donuts",
	"practise": "practice", "practises": "practices", "practised": "practiced", "practising": "practicing",
	"counsellor": "counselor", "counsellors": "counselors",
	"marvellous": "marvelous",
	"woollen":    "woolen",
}

// spellingStems are stems whose British spelling starts each derived word:
// a word starting with the key has it replaced by the value.
var spellingStems = []struct{ uk, us string }{
	// -our / -or
	{"armour", "armor"}, {"behaviour", "behavior"}, {"candour", "candor"}, {"clamour", "clamor"},
	{"colour", "color"}, {"endeavour", "endeavor"}, {"favour", "favor"}, {"fervour", "fervor"},
	{"flavour", "flavor"}, {"harbour", "harbor"}, {"honour", "honor"}, {"humour", "humor"},
	{"labour", "labor"}, {"neighbour", "neighbor"}, {"odour", "odor"}, {"parlour", "parlor"},
	{"rancour", "rancor"}, {"rigour", "rigor"}, {"rumour", "rumor"}, {"saviour", "savior"},
	{"savour", "savor"}, {"splendour", "splendor"}, {"tumour", "tumor"}, {"valour", "valor"},
	{"vapour", "vapor"}, {"vigour", "vigor"},
	// -re / -er
	{"centre", "center"}, {"centred", "centered"}, {"centring", "centering"},
	{"calibre", "caliber"}, {"fibre", "fiber"}, {"litre", "liter"}, {"lustre", "luster"},
	{"meagre", "meager"}, {"metre", "meter"}, {"mitre", "miter"}, {"ochre", "ocher"},
	{"sabre", "saber"}, {"sceptre", "scepter"}, {"sombre", "somber"}, {"spectre", "specter"},
	{"theatre", "theater"}, {"kilometre", "kilometer"}, {"centimetre", "centimeter"},
	{"millimetre", "millimeter"}, {"epicentre", "epicenter"},
	// -ence / -ense
	{"defenc", "defens"}, {"offenc", "offens"}, {"licenc", "licens"}, {"pretenc", "pretens"},
	// -ll- / -l- before a suffix (travelled, cancelling, modeller)
	{"travell", "travel"}, {"cancell", "cancel"}, {"labell", "label"}, {"modell", "model"},
	{"fuell", "fuel"}, {"signall", "signal"}, {"channell", "channel"}, {"totall", "total"},
	{"counsell", "counsel"}, {"levell", "level"}, {"equall", "equal"}, {"quarrell", "quarrel"},
	{"tunnell", "tunnel"}, {"rivall", "rival"}, {"diall", "dial"}, {"marshall", "marshal"},
	{"pedall", "pedal"}, {"shovell", "shovel"}, {"jewell", "jewel"}, {"duell", "duel"},
	{"funnell", "funnel"}, {"grovell", "grovel"}, {"libell", "libel"}, {"marvell", "marvel"},
	{"pencill", "pencil"}, {"initiall", "initial"}, {"panell", "panel"},
}

// stemsByStart are spellingStems by their first four letters, longest
// first, so that "centred" wins over "centre".
var stemsByStart = map[string][]struct{ uk, us string }{}

func init() {
	slices.SortStableFunc(spellingStems, func(a, b struct{ uk, us string }) int { return len(b.uk) - len(a.uk) })
	for _, s := range spellingStems {
		stemsByStart[s.uk[:4]] = append(stemsByStart[s.uk[:4]], s)
	}
}

// doubleLSuffixes are what may follow a doubled-l stem: "travell" alone is
// no word, and "totally" keeps its two l's in both spellings.
var doubleLSuffixes = []string{"ed", "ing", "er", "ers", "or", "ors", "ous"}

// americanSpelling returns the American spelling of a lower-case word, or
// the word itself.
func americanSpelling(w string) string {
	if len(w) < 4 {
		return w
	}
	if us, ok := spellingWords[w]; ok {
		return us
	}
	for _, s := range stemsByStart[w[:4]] {
		rest, ok := strings.CutPrefix(w, s.uk)
		if !ok {
			continue
		}
		if strings.HasSuffix(s.uk, "ll") && !slices.Contains(doubleLSuffixes, rest) {
			continue
		}
		return s.us + rest
	}
	return suffixSpelling(w)
}

// izeSuffixes are the endings of -ise words, and lyseSuffixes of -lyse ones,
// with what they become.
var izeSuffixes = []struct{ uk, us string }{
	{"isations", "izations"}, {"isational", "izational"}, {"isation", "ization"},
	{"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"isers", "izers"}, {"iser", "izer"}, {"ise", "ize"},
}

var lyseSuffixes = []struct{ uk, us string }{
	{"lysing", "lyzing"}, {"lysed", "lyzed"}, {"lyses", "lyzes"}, {"lyser", "lyzer"}, {"lyse", "lyze"},
}

func suffixSpelling(w string) string {
	if !strings.Contains(w, "is") && !strings.Contains(w, "lys") {
		return w
	}
	for _, s := range lyseSuffixes {
		if stem, ok := strings.CutSuffix(w, s.uk); ok && len(stem) >= 2 && isLatinWord(stem) {
			return stem + s.us
		}
	}
	for _, s := range izeSuffixes {
		if stem, ok := strings.CutSuffix(w, s.uk); ok && len(stem) >= 4 && isLatinWord(stem) {
			return stem + s.us
		}
	}
	return w
}

// isLatinWord reports a word of the letters a-z only: the suffix rules are
// for English words.
func isLatinWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
