package extract

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/entitygraph/entitygraph/graph"
)

// The tables are facts written for this project, kept as data so that they
// can be read and extended without touching the rules.
//
//go:embed data/*.tsv data/*.txt
var dataFS embed.FS

// gazKind says what a gazetteer entry names.
type gazKind int

const (
	gazCountry gazKind = iota
	gazOutlet
	gazOrg
	gazPlace // a place that is not a country: consumes its words, gives no entity
)

// formKind says how a gazetteer form names its entity; it decides whether a
// capital is read as the government and whether a demonym can start an
// organization's name.
type formKind int

const (
	formName formKind = iota
	formAlias
	formDemonym
	formSeat
)

// gazEntry is one surface form of a table entity.
type gazEntry struct {
	kind  gazKind
	name  string // canonical name
	form  formKind
	exact bool // match only as written
	// common marks a country form that is also a common word or given name
	// ("Turkey", "Jordan") or a capital, or a place marked "alone" in
	// places.txt ("Texas"): it names the country or place only when it
	// stands alone, not as part of a longer name ("Jordan Peterson").
	common bool
	words  []string // the form's tokens as written, for exact matching
}

// tables holds every table, parsed once by New and read-only afterwards, so
// that one Extractor can serve many goroutines.
type tables struct {
	// gaz maps the lower-cased tokens of a form, joined by a space, to the
	// entries with that form; gazMax is the longest form in tokens.
	gaz      map[string][]gazEntry
	gazMax   int
	gazFirst map[string]bool // lower-cased first words of forms, to skip most tokens fast
	// demonym maps a country's canonical name to its first demonym
	// ("Ukraine" → "Ukrainian"), to name "the intelligence of Ukraine".
	demonym       map[string]string
	orgSuffix     map[string]bool // last words of organization names
	outletSuffix  map[string]bool // the subset that names news outlets
	companySuffix map[string]bool // the subset that names companies
	mediaWord     map[string]bool // the subset that names outlets anywhere in a name
	nonEntity     map[string]bool // last word of a place or event name
	nonEntityAt   map[string]bool // first word of a place or event name
	// cues maps a cue phrase, lower case, its words joined by a space, to
	// its cue; cueFirst holds the first words of cue phrases.
	cues         map[string]cue
	cueFirst     map[string]bool
	cueMaxWords  int
	roles        map[string]bool // lower-case role phrases, one or more words
	roleMaxWords int
	institutions map[string]graph.Kind // lower-case phrase after a demonym
	stop         map[string]bool
	generic      map[string]bool // words that name no owner ("Ministry", "Defense")
	locative     map[string]bool // words that make a following capital a place
	outletMarker map[string]bool // lower-case nouns beside an outlet's name
	given        map[string]bool // given names, as written
	// orgNoun holds lower-case nouns that, right before a single unknown
	// capitalized word, make it an organization ("ship-tracking firm
	// Kpler", "the vaccine alliance Gavi").
	orgNoun map[string]bool
	// sport holds lower-case words that make a sentence speak of sport;
	// club and clubFirst the words that end or open a club's name there.
	sport, club, clubFirst map[string]bool
	// result holds the verbs of a match's result ("beat", "drew"),
	// teamSport the words of team sports ("league", "football").
	result, teamSport map[string]bool
}

// loadTables parses the embedded tables; it returns an error naming the file
// and line of the first malformed row.
func loadTables() (*tables, error) {
	t := &tables{
		gaz:           map[string][]gazEntry{},
		gazFirst:      map[string]bool{},
		demonym:       map[string]string{},
		orgSuffix:     map[string]bool{},
		outletSuffix:  map[string]bool{},
		companySuffix: map[string]bool{},
		mediaWord:     map[string]bool{},
		nonEntity:     map[string]bool{},
		nonEntityAt:   map[string]bool{},
		cues:          map[string]cue{},
		cueFirst:      map[string]bool{},
		roles:         map[string]bool{},
		institutions:  map[string]graph.Kind{},
		stop:          map[string]bool{},
		generic:       map[string]bool{},
		locative:      map[string]bool{},
		outletMarker:  map[string]bool{},
		given:         map[string]bool{},
		orgNoun:       map[string]bool{},
		sport:         map[string]bool{},
		club:          map[string]bool{},
		clubFirst:     map[string]bool{},
		result:        map[string]bool{},
		teamSport:     map[string]bool{},
	}
	err := eachRow("countries.tsv", 4, func(f []string) error {
		name := strings.TrimPrefix(f[0], "=")
		t.addForm(gazCountry, name, f[0], formName)
		for _, a := range list(f[1]) {
			t.addForm(gazCountry, name, a, formAlias)
		}
		for i, d := range list(f[2]) {
			if i == 0 {
				t.demonym[name] = strings.TrimPrefix(d, "=")
			}
			t.addForm(gazCountry, name, d, formDemonym)
			if p, ok := demonymPlural(d); ok {
				t.addForm(gazCountry, name, p, formDemonym)
			}
		}
		for _, s := range list(f[3]) {
			// Capitals are proper nouns only: always as written.
			t.addForm(gazCountry, name, "="+s, formSeat)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, src := range []struct {
		file string
		kind gazKind
	}{{"outlets.tsv", gazOutlet}, {"orgs.tsv", gazOrg}} {
		err := eachRow(src.file, 2, func(f []string) error {
			t.addForm(src.kind, f[0], "="+f[0], formName)
			for _, a := range list(f[1]) {
				t.addForm(src.kind, f[0], "="+a, formAlias)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	steps := []struct {
		file string
		cols int
		add  func(f []string) error
	}{
		{"places.txt", 2, func(f []string) error {
			if f[1] != "" && f[1] != "alone" {
				return fmt.Errorf("second field %q is not \"alone\"", f[1])
			}
			t.addForm(gazPlace, f[0], "="+f[0], formName)
			if f[1] == "alone" {
				// "Texas said", but not "Texas Instruments" nor "Virginia Woolf".
				t.markCommon(f[0])
			}
			return nil
		}},
		{"org_suffixes.txt", 2, func(f []string) error {
			if f[1] != "" && f[1] != "outlet" && f[1] != "media" && f[1] != "company" {
				return fmt.Errorf("second field %q is not \"outlet\", \"media\" or \"company\"", f[1])
			}
			t.orgSuffix[f[0]] = true
			t.outletSuffix[f[0]] = f[1] == "outlet" || f[1] == "media"
			t.mediaWord[f[0]] = f[1] == "media"
			t.companySuffix[f[0]] = f[1] == "company"
			return nil
		}},
		{"non_entity.txt", 1, func(f []string) error { t.nonEntity[f[0]] = true; return nil }},
		{"non_entity_first.txt", 1, func(f []string) error { t.nonEntityAt[f[0]] = true; return nil }},
		{"cues.tsv", 3, func(f []string) error {
			class := cueClass(f[2])
			if !slices.Contains(cueClasses, class) {
				return fmt.Errorf("cue class %q is not one of %v", f[2], cueClasses)
			}
			words := strings.Fields(f[0])
			t.cues[strings.Join(words, " ")] = cue{name: f[1], class: class}
			t.cueFirst[words[0]] = true
			t.cueMaxWords = max(t.cueMaxWords, len(words))
			return nil
		}},
		{"roles.txt", 1, func(f []string) error {
			t.roles[f[0]] = true
			t.roleMaxWords = max(t.roleMaxWords, len(strings.Fields(f[0])))
			return nil
		}},
		{"institutions.tsv", 2, func(f []string) error {
			k, err := graph.ParseKind(f[1])
			if err != nil {
				return err
			}
			t.institutions[f[0]] = k
			return nil
		}},
		{"stopwords.txt", 1, func(f []string) error { t.stop[f[0]] = true; return nil }},
		{"locatives.txt", 1, func(f []string) error { t.locative[f[0]] = true; return nil }},
		{"generic_org_words.txt", 1, func(f []string) error { t.generic[f[0]] = true; return nil }},
		{"outlet_markers.txt", 1, func(f []string) error { t.outletMarker[strings.ToLower(f[0])] = true; return nil }},
		{"given_names.txt", 1, func(f []string) error { t.given[f[0]] = true; return nil }},
		{"given_names_census.txt", 1, func(f []string) error { t.given[f[0]] = true; return nil }},
		{"org_nouns.txt", 1, func(f []string) error { t.orgNoun[f[0]] = true; return nil }},
		{"sport_words.txt", 2, func(f []string) error {
			switch f[1] {
			case "":
			case "result":
				t.result[f[0]] = true
			case "team":
				t.teamSport[f[0]] = true
			default:
				return fmt.Errorf("second field %q is not \"result\" or \"team\"", f[1])
			}
			t.sport[f[0]] = true
			return nil
		}},
		{"club_words.txt", 2, func(f []string) error {
			switch f[1] {
			case "":
				t.club[f[0]] = true
			case "first":
				t.clubFirst[f[0]] = true
			default:
				return fmt.Errorf("second field %q is not \"first\"", f[1])
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := eachRow(s.file, s.cols, s.add); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// isGiven reports whether w is a known given name, written as the tables
// write it, with accents they leave out ("François", "József"), or two
// joined by a hyphen ("Pierre-Simon"). (The
// name tagger's classes read the tables as written: see Lexicon.)
func (t *tables) isGiven(w string) bool {
	if t.given[w] {
		return true
	}
	// "Pierre-Simon", "Hans-Dietrich": two given names joined.
	if a, b, ok := strings.Cut(w, "-"); ok && a != "" && b != "" && !strings.Contains(b, "-") && t.isGiven(a) && t.isGiven(b) {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return t.given[stripAccents(w)]
		}
	}
	return false
}

// stripAccents returns w without its combining marks ("François" →
// "Francois").
func stripAccents(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markCommon marks the place form as one that names a place only standing
// alone, not as part of a longer capitalized name (see common).
func (t *tables) markCommon(form string) {
	es := t.gaz[strings.ToLower(strings.Join(formTokens(form), " "))]
	for k := range es {
		if es[k].kind == gazPlace {
			es[k].common = true
		}
	}
}

// addForm adds one surface form. A form written with a leading "=", in
// capitals, or with dots (RF, U.S.) matches only as written.
func (t *tables) addForm(kind gazKind, name, form string, fk formKind) {
	exact := strings.HasPrefix(form, "=")
	form = strings.TrimPrefix(form, "=")
	common := exact && kind == gazCountry && form != strings.ToUpper(form)
	if form == strings.ToUpper(form) || strings.Contains(form, ".") {
		exact = true
	}
	words := formTokens(form)
	key := strings.ToLower(strings.Join(words, " "))
	for _, e := range t.gaz[key] {
		if e.kind == kind && e.name == name && e.exact == exact {
			return // the same form listed twice, e.g. a demonym and its plural
		}
	}
	t.gaz[key] = append(t.gaz[key], gazEntry{kind: kind, name: name, form: fk, exact: exact, common: common, words: words})
	t.gazMax = max(t.gazMax, len(words))
	t.gazFirst[strings.ToLower(words[0])] = true
}

// formTokens splits a table form with prose's own tokenizer, so that forms
// and text split alike ("People's" → "People", "'s"). Tokenizing without
// tagging or extraction loads no model.
func formTokens(form string) []string {
	doc, _ := prose.NewDocument(form, prose.WithTagging(false), prose.WithExtraction(false), prose.WithSegmentation(false))
	var words []string
	for _, tok := range doc.Tokens() {
		words = append(words, tok.Text)
	}
	return words
}

// demonymPlural returns the plural people noun of a demonym ("Russian" →
// "Russians"); adjectives that have none (Chinese, British, Swiss) give false.
func demonymPlural(d string) (string, bool) {
	for _, suffix := range []string{"ese", "ish", "ch", "ss", "ic", "men"} {
		if strings.HasSuffix(d, suffix) {
			return "", false
		}
	}
	return d + "s", true
}

// list splits a comma-separated table field, dropping empty items.
func list(field string) []string {
	var out []string
	for _, s := range strings.Split(field, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// eachRow calls add for every non-comment row of an embedded table, split
// on tabs and padded to cols fields; it returns an error naming the file and
// line when a row has too many fields or add fails.
func eachRow(file string, cols int, add func(f []string) error) error {
	b, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return fmt.Errorf("read table %s: %w", file, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > cols {
			return fmt.Errorf("table %s line %d: %d fields, want at most %d", file, n, len(f), cols)
		}
		for len(f) < cols {
			f = append(f, "")
		}
		if err := add(f); err != nil {
			return fmt.Errorf("table %s line %d: %w", file, n, err)
		}
	}
	return nil
}
