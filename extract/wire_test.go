package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// TestWireAttribution checks attribution on wire-style news: who speaks
// behind titles, appositions and coordinated names, which outlet carried
// what, and who does not speak. Every text is written for this test.
func TestWireAttribution(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		want []string // statements that must be found, as statementsOf writes them
		not  []string // speakers that must not be found
	}{
		{"dateline credit", "ANKARA, March 4 (Reuters) - Turkey's foreign minister, Hakan Fidan, said on Tuesday that Ankara would host the talks.\n\nThe ministry added that Greece had been invited.",
			[]string{"Hakan Fidan via Reuters"}, []string{"ANKARA"}},
		{"credit in capitals", "SANTIAGO, Chile (REUTERS) - Interior Minister Ana Ruiz said on Friday the border would reopen.",
			[]string{"Ana Ruiz via Reuters"}, []string{"SANTIAGO", "REUTERS"}},
		{"dateline with a state", "SPRINGDALE, Calif., Nov 15 (Reuters) - Governor Maria Lopez said on Wednesday the plant would reopen.",
			[]string{"Maria Lopez via Reuters"}, []string{"SPRINGDALE"}},
		{"credit without date", "WASHINGTON (AP) — Senator Maria Lopez said the bill would pass this week. Lopez told CNN later that the vote was close.",
			[]string{"Maria Lopez via Associated Press", "Maria Lopez via CNN"}, nil},
		{"credit after a city and its country", "KYIV, Ukraine (AP) — Russian drones hit the city overnight.\n\nMayor Ivan Petrenko wrote on Telegram that air defences had worked.",
			[]string{"Ivan Petrenko via Associated Press"}, []string{"KYIV"}},
		{"credit after a place in lower case", "Paris (AFP) - Interior Minister Pierre Lemaire said police had arrested three men.",
			[]string{"Pierre Lemaire via Agence France-Presse"}, nil},
		{"credit after a dash", "PARIS, Jan 3 (AFP) - French Interior Minister Pierre Lemaire said police had arrested three men.",
			[]string{"Pierre Lemaire via Agence France-Presse"}, []string{"PARIS"}},
		{"title and party in brackets", "Rep. Daniel Okafor (D-Ga.), the assistant minority leader, added that the vote would be close.",
			[]string{"Daniel Okafor"}, []string{"D-Ga."}},
		{"a participle after a past tense that prose reads as a noun", "Republican Sen. Daniel Okafor of Texas disagreed, saying the court got it right.",
			[]string{"Daniel Okafor"}, []string{"Texas"}},
		{"spokeswoman for an organization", "A spokeswoman for Northwind Energy, Clara Hobbs, said the plant would reopen in May.",
			[]string{"Clara Hobbs"}, []string{"Northwind Energy"}},
		{"possessive title and outlet", "France's economy minister, Pierre Lemaire, told the Associated Press that the budget would be cut.",
			[]string{"Pierre Lemaire via Associated Press"}, []string{"France"}},
		{"possessive title without commas", "Tunisia's coach Karim Haddad said his team had played well.",
			[]string{"Karim Haddad"}, []string{"Tunisia"}},
		{"a local paper that carries a statement", "Mayor Tom Hale said the bridge would close in May, the Halden Chronicle reported. The Brisco Examiner quoted him as saying the cost was too high.",
			[]string{"Tom Hale via Halden Chronicle"}, []string{"Halden Chronicle", "Brisco Examiner"}},
		{"said in a statement", "Vortex Mining said in a statement that copper output fell 4% in the quarter.",
			[]string{"Vortex Mining"}, nil},
		{"three speakers", "Germany, France and Italy said on Monday they would back the plan.",
			[]string{"Germany", "France", "Italy"}, nil},
		{"two persons and a relative clause", "Anna Berg and Tom Hale, who met on Monday, said they had reached a deal.",
			[]string{"Anna Berg", "Tom Hale"}, nil},
		{"the title for a person named before", "President Anna Berg visited Kyiv on Monday. The president said the war must end soon.",
			[]string{"Anna Berg"}, nil},
		{"the title after a name in commas", "Peter Lund, a senator from Ohio, opposed the bill. The senator said it was too costly.",
			[]string{"Peter Lund"}, nil},
		{"three persons", "Anna Berg, Tom Hale and Rita Moreno said the report was wrong.",
			[]string{"Anna Berg", "Tom Hale", "Rita Moreno"}, nil},
		{"object of an earlier verb", "Senator Maria Lopez blasted Governor Tom Hale over the budget cuts and said the state would suffer.",
			[]string{"Maria Lopez"}, []string{"Tom Hale"}},
		{"object before a comma", "Maria Lopez criticised Tom Hale for the delay, and said the plan was dead.",
			[]string{"Maria Lopez"}, []string{"Tom Hale"}},
		{"name in a nested quote", `"Then Anna Berg told me 'the money is gone'," said Tom Hale.`,
			[]string{"Tom Hale"}, []string{"Anna Berg"}},
		{"belief", "Maria Lopez believes the deal will collapse before the summer.",
			nil, []string{"Maria Lopez"}},
		{"outlet carries, a speaker speaks", "Prime Minister Anna Berg will resign next week, Bloomberg reported, citing people familiar with the matter.",
			nil, []string{"Bloomberg"}},
		{"outlet carries a named speaker", "The bank will cut 2,000 jobs, chief executive Tom Hale told Bloomberg.",
			[]string{"Tom Hale via Bloomberg"}, []string{"Bloomberg"}},
		{"ministry, not its country", "China's commerce ministry said on Friday it would restrict exports of gallium.",
			[]string{"Chinese commerce ministry"}, []string{"China"}},
		{"outlet of one clause", "Finance Minister Anna Berg said the budget was balanced, while opposition leader Tom Hale told Reuters it was not.",
			[]string{"Anna Berg", "Tom Hale via Reuters"}, nil},
		{"auxiliary after an apposition", "Valerie Sands, a former member of the group, has claimed that she was held for years.",
			[]string{"Valerie Sands"}, nil},
		{"organization described in commas", "Zentrix, the world's biggest memory chipmaker, said on Monday that sales fell. Korvel, a Lagos-based lender, said profits rose.",
			[]string{"Zentrix", "Korvel"}, []string{"South Korea", "Nigeria"}},
		{"a country made an adjective", "Iran-backed militias attacked the base overnight, a US-led coalition said.",
			nil, []string{"United States", "Iran"}},
		{"an outlet the tables do not list", "The Sentinel reported that the mayor would resign. Sales rose, the Corvex said on Monday.",
			[]string{"Corvex"}, []string{"Sentinel"}},
		{"titled speakers in a list", "Vice President Rosa Lindqvist and Transportation Secretary Omar Haddad said the funding was overdue.",
			[]string{"Rosa Lindqvist", "Omar Haddad"}, nil},
		{"titled speakers after an organization's name", "Senate Minority Leader Mitch Corrigan and House Speaker Dale Hobbs said the deal was dead.",
			[]string{"Mitch Corrigan", "Dale Hobbs"}, []string{"Senate"}},
		{"said on an outlet", "Nancy Ellery, the former House speaker, said on MSNBC that the bill would fail. Tom Hale told The Daily Beast it would pass.",
			[]string{"Nancy Ellery via MSNBC", "Tom Hale via Daily Beast"}, []string{"MSNBC"}},
		{"an organization described by another's name", "The World Health Organization warned of a new wave on Monday. The U.N. agency said cases had doubled.",
			[]string{"World Health Organization"}, []string{"United Nations"}},
		{"dismissed", "Spokesman Oleg Varlamov dismissed the report as \"nonsense\".", []string{"Oleg Varlamov"}, nil},
		{"pledged", "Opposition leader Karen Stamm pledged to repeal the law if elected.", []string{"Karen Stamm"}, nil},
		{"interview broadcast by an outlet", "Governor Maria Lopez said in an interview broadcast on Sunday by the BBC that she would stay.",
			[]string{"Maria Lopez via BBC"}, nil},
		{"op-ed for an outlet", "Senator Maria Lopez wrote in an op-ed for The Washington Post that the law was unfair.",
			[]string{"Maria Lopez via Washington Post"}, nil},
		{"remarks carried by an outlet", "Prime Minister Anna Berg said in remarks carried by state broadcaster RAI that Italy would comply.",
			[]string{"Anna Berg via RAI"}, nil},
		{"speaking to an outlet", "Speaking to CNN on Sunday, Senator Maria Lopez said the deal was dead.",
			[]string{"Maria Lopez via CNN"}, nil},
		{"titles before a name in commas", "The Pentagon's press secretary, Brig. Gen. Tom Hale, said the drills would go on.",
			[]string{"Tom Hale"}, nil},
		{"description that ends with a place", "Cynthia Moreland, curator of prints at the State University of Kansas, Manhattan, said the collection had grown.",
			[]string{"Cynthia Moreland"}, nil},
		{"organization and a lower-case role in commas", "Hilda Brayfield, KSU associate professor of art history, said the photographs were rare.",
			[]string{"Hilda Brayfield"}, nil},
		{"title in lower case before the name", "Major general Fuad Rahman, spokesman for the navy, said fishermen saw the boat first.",
			[]string{"Fuad Rahman"}, nil},
		{"role after a name in commas", "Ruben Ortega, Panama coach, said his team had learned a lot.",
			[]string{"Ruben Ortega"}, []string{"Panama"}},
		{"passive", "The plan was rejected by Finance Minister Anna Berg, who said it cost too much.",
			[]string{"Anna Berg"}, nil},
		{"request", "Senator Maria Lopez asked the agency to publish the data.",
			[]string{"Maria Lopez"}, nil},
		{"question about something", "Maria Lopez asked about the weather before the match.",
			nil, []string{"Maria Lopez"}},
		{"remarks to an outlet", "Tom Hale, in remarks to CNN, said the plan was dead.",
			[]string{"Tom Hale via CNN"}, nil},
		{"office before a name", "Governor of Nevada Chris Hale said the state would appeal.",
			[]string{"Chris Hale"}, nil},
		{"organization before a name", "CEO of the Harbour Trust Anna Berg told Reuters the port would reopen.",
			[]string{"Anna Berg via Reuters"}, []string{"Harbour Trust Anna Berg"}},
		{"outlet that adds", `"The test failed," KCNA added.`,
			nil, []string{"Korean Central News Agency"}},
		{"pull quote", "The vote was close.\n\"We will win the next one.\" - Maria Lopez\n\nThe count ends on Friday.",
			[]string{"Maria Lopez"}, nil},
		{"quotation after a colon", "Senator Maria Lopez wrote on her blog:\n\"Tom Hale has failed Nevada.\"\n\nHale did not reply.",
			[]string{"Maria Lopez"}, []string{"Tom Hale"}},
		{"list with both", "Both Germany and France have said they would back the plan.",
			[]string{"Germany", "France"}, nil},
		{"audience of a request", "Maria Lopez asked Tom Hale to resign.",
			[]string{"Maria Lopez"}, []string{"Tom Hale"}},
		{"quotation that goes on", "\"We will appeal,\" said Hale. \"Maria Lopez knows the court will side with Nevada.\"",
			[]string{"Hale"}, []string{"Maria Lopez"}},
		{"name between a title and its verb", "The secretary general of the union, Kwame Osei, has called the ruling \"dangerous\".",
			[]string{"Kwame Osei"}, nil},
		{"letters after a name", "Speaking for the defence, Tom Hale, QC, said the evidence was weak.",
			[]string{"Tom Hale"}, nil},
		{"outlet quotes a speaker", "Interfax quoted Kremlin spokesman Dmitry Peskov as saying that talks had stalled.",
			[]string{"Dmitry Peskov via Interfax"}, []string{"Interfax"}},
		{"speaker quoted by an outlet", "Dmitry Peskov was quoted by Interfax as saying that talks had stalled.",
			[]string{"Dmitry Peskov via Interfax"}, []string{"Interfax"}},
		{"remarks to a broadcaster with a particle", "Interior Minister Omar al-Nasser, in remarks to al-Manar television, said the border was closed.",
			[]string{"Omar al-Nasser via al-Manar"}, nil},
		{"participle with its subject", "The paper quoted two critics, with Tom Hale stating: \"The form is unfair.\"",
			[]string{"Tom Hale"}, nil},
		{"pronoun for the subject of the sentence before", "Anna Berg won the award on Sunday. She said the team had played well.",
			[]string{"Anna Berg"}, nil},
		{"quotation closed from the paragraph before", "Tom Hale said, \"We played well.\nWe could have won.\" After the match, Nevada's coach Rita Moreno said, \"We were lucky.\"",
			[]string{"Tom Hale", "Rita Moreno"}, nil},
		{"title of a tagged name", "\"It was possible,\" said Ambassador Mohib.",
			nil, []string{"Ambassador Mohib"}},
		{"demonym before a person's noun", "An Australian woman claims a church held her for twelve years.",
			nil, []string{"Australia"}},
		{"pronoun for the subject after an opening phrase", "Writing on her blog, Senator Maria Lopez called the deal with Peter Lund a disaster. She said Nevada would suffer.",
			[]string{"Maria Lopez"}, []string{"Peter Lund"}},
		{"pronoun for the first name of its sentence", "Tom Hale's sister begged him to sell the farm to Rita Moreno, but he replied that he never would.",
			[]string{"Tom Hale"}, []string{"Rita Moreno"}},
		{"clause that ends with a colon before a quotation", "During questions in parliament, Prime Minister Anna Berg defended her record: \"Our deals with Norway are working.\"",
			[]string{"Anna Berg"}, nil},
		{"belief an outlet reports", "According to ABC News, General Fuad Rahman also believes the migrants jumped on purpose.",
			[]string{"Fuad Rahman via ABC News"}, nil},
		{"party and state after a name", "House Speaker Tom Hale, R-La., told reporters that the vote would be close.",
			[]string{"Tom Hale"}, nil},
		{"party and state before a description", "Rep. Anna Berg, D-Md., the top Democrat on the panel, said the hearing had exposed the plot.",
			[]string{"Anna Berg"}, nil},
		{"spokesperson after with", "Beijing denied the report, with foreign ministry spokesperson Li Wen calling it \"groundless\".",
			[]string{"China", "Li Wen"}, nil},
		{"title after the verb", "\"We have a spending problem,\" said Representative Tom Hale.",
			[]string{"Tom Hale"}, nil},
		{"abbreviated title after the verb", "\"We will win,\" said Sen. Anna Berg, chair of the committee.",
			[]string{"Anna Berg"}, nil},
		{"party member for the person named before", "Senate leader Tom Hale blocked the bill. The Kentucky Republican said it was a takeover of elections.",
			[]string{"Tom Hale"}, nil},
		{"role with a place for the person named before", "Senator Tom Hale spoke on Monday. The Texas senator said the border was open.",
			[]string{"Tom Hale"}, nil},
		{"role with a demonym for the person named before", "Chancellor Anna Berg arrived in Kyiv. The German leader said Berlin would send more aid.",
			[]string{"Anna Berg"}, nil},
		{"age for the person named before", "Former President Tom Hale was honoured on Monday. The 98-year-old said he was grateful.",
			[]string{"Tom Hale"}, nil},
		{"source with a title", "According to Mr. Tom Hale, the West had provoked the war.",
			[]string{"Tom Hale"}, nil},
		{"quoted as saying by an outlet", "Kremlin spokesman Dmitry Peskov was quoted as saying by the TASS news agency that Moscow would respond.",
			[]string{"Dmitry Peskov via TASS"}, nil},
		{"speaking on an outlet's programme", "Speaking on NBC's \"Meet the Press,\" Senator Tom Hale said the bill was dead.",
			[]string{"Tom Hale via NBC"}, nil},
		{"subject of the clause said", "Netanyahu, speaking at a cabinet meeting, said Israel would press on.",
			[]string{"Netanyahu"}, []string{"Israel"}},
		{"aside in commas", "Hamas, in a statement, said the talks had failed.",
			[]string{"Hamas"}, nil},
		{"adverb between a name and its verb", "Putin also said Russia would respond.",
			[]string{"Putin"}, []string{"Russia"}},
		{"day between a name and its verb", "Erdogan on Tuesday said Sweden must act.",
			[]string{"Erdogan"}, []string{"Sweden"}},
		{"outlet quoting, named in the sentence before", "The Washington Post interviewed residents of the town. The newspaper quoted Mayor Rita Moreno as saying the road would reopen.",
			[]string{"Rita Moreno via Washington Post"}, []string{"Washington Post"}},
		{"pronoun for the outlet quoting", "Reuters reported on Monday that the mine would close. It quoted union leader Tom Hale as saying 400 jobs would go.",
			[]string{"Tom Hale via Reuters"}, []string{"Reuters"}},
		{"outlet quoting a list", "The Guardian spoke to lawyers about the plan. It quoted critics like barrister Peter Lund, and Nevada Housing Trust director Anna Berg, with Berg stating: \"The plan is cruel.\"",
			[]string{"Peter Lund via Guardian", "Anna Berg via Guardian"}, nil},
		{"party and state in words", "Senator Tom Hale, Republican of Texas, said the plan had failed. Representative Anna Berg, Democrat from Ohio, told reporters it had not.",
			[]string{"Tom Hale", "Anna Berg"}, nil},
		{"issued a statement", "Senator Tom Hale issued a statement on the closure of the base.",
			[]string{"Tom Hale"}, nil},
		{"an outlet issues no statement of its own", "Reuters issued a statement on the closure of its bureau.",
			nil, []string{"Reuters"}},
		{"legal form before a corporate title", "Harlow Motors Co. Chairman Alex Trotwood said sales rose.",
			[]string{"Alex Trotwood"}, nil},
		{"a first word listed with a company", "Vornbank and Siemens said on Monday they would merge their insurance arms.",
			[]string{"Vornbank", "Siemens"}, nil},
		{"participle after a subject with its party and state", "Sen. Anna Berg, D-Mass., blasted the nominee in a statement, calling him \"unfit.\"",
			[]string{"Anna Berg"}, nil},
		{"participle after a subject in an apposition", "Tom Hale backed the plan. His colleague, Rep. Rita Moreno, agreed, saying Congress must act.",
			[]string{"Rita Moreno"}, nil},
		{"a place and a title after the verb", "\"We need to secure the border,\" said Texas Gov. Tom Hale, who has sent buses north. \"The city is full,\" said New York Mayor Rita Moreno.",
			[]string{"Tom Hale", "Rita Moreno"}, nil},
		{"a party's members for the party", "Speaker Tom Hale said Republicans would pass the bill, even as Democrats vowed to fight it.",
			[]string{"Tom Hale", "Democratic Party"}, []string{"Democrats"}},
		{"it quoted, no outlet before", "The report came out on Monday. It quoted Tom Hale at length.",
			nil, []string{"Tom Hale"}},
		{"capital as a family name", "Valeria Paris, a former employee, has claimed that the company cheated her. Paris says she was never paid.",
			[]string{"Valeria Paris", "Valeria Paris"}, []string{"France"}},
		{"a university named with its campus", "The University of Carolina, Brookfield said the lab would close.",
			[]string{"University of Carolina, Brookfield"}, []string{"Brookfield"}},
		{"an outlet named with its country carries, and no country speaks", "The Times of India reported that the minister resigned.",
			nil, []string{"India", "Times of India"}},
		{"a relative clause between an organization's spokesperson and the verb", "A spokesperson for Brenmark, which owns the Halden mine, said the mine would reopen.",
			[]string{"Brenmark"}, nil},
		{"a company's legal form after a comma", "Halden Capital, LLC said it would appeal the ruling. Brenmark Systems, Inc., said on Monday it would not.",
			[]string{"Halden Capital", "Brenmark Systems"}, []string{"LLC", "Inc."}},
		{"an organization named with 'the' and described in commas", "The Halden Institute, a Vienna think tank, said the sanctions were working. Brenmark Capital, a lender based in Oslo, said they were not.",
			[]string{"Halden Institute", "Brenmark Capital"}, []string{"Oslo"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := statementsOf(extract(t, graph.Document{Text: tt.text}))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("want %q; got %q", w, got)
				}
			}
			for _, n := range tt.not {
				for _, g := range got {
					if g == n || strings.HasPrefix(g, n+" via ") {
						t.Errorf("%s is a speaker; got %q", n, got)
					}
				}
			}
		})
	}
}

// TestWireAbout checks what a statement is about: the entities named in
// what was said, not in its frame (the speaker's title, the audience, the
// outlet and who the source is).
func TestWireAbout(t *testing.T) {
	for _, tt := range []struct {
		name, text, speaker string
		want, not           []string // names About must hold, and must not
	}{
		{"audience with a description", "Foreign Minister Anna Berg told her Polish counterpart Jan Nowak in Warsaw that Sweden would back the plan.",
			"Anna Berg", []string{"Sweden"}, []string{"Jan Nowak"}},
		{"audience with a title", "US President Tom Hale told Israeli Prime Minister David Levin that Iran would not be allowed to rearm.",
			"Tom Hale", []string{"Iran"}, []string{"David Levin", "Israel"}},
		{"outlet with a description", "Premier Li Wen told Tom Hale that Japan had made progress, according to Chinese state broadcaster CCTV.",
			"Li Wen", []string{"Japan"}, []string{"China", "Tom Hale"}},
		{"source with a description", "Russian forces lost 500 soldiers near the town, according to Oleh Marchenko, the commander of Ukraine's eastern forces.",
			"Oleh Marchenko", []string{"Russia"}, []string{"Ukraine"}},
		{"audience named by a description", "Chief executive Tom Hale told Chinese media that the company would keep building homes.",
			"Tom Hale", nil, []string{"China"}},
		{"source named with its parents", "Russia has moved 20,000 troops to the border, according to the Main Intelligence Directorate of the Ministry of Defence of Ukraine.",
			"Main Intelligence Directorate", []string{"Russia"}, []string{"Ukraine", "Ministry of Defence of Ukraine"}},
		{"another clause's unnamed speaker", "The Ukrainian Air Force said the missile was a new one, but Western officials told CNN it was not.",
			"Ukrainian Air Force", nil, []string{"CNN"}},
		{"speakers of one cue", "It was first reported by Reuters. It quoted farmers such as Tom Hale and Anna Berg, with Berg stating: \"The drought ruined Kenya.\"",
			"Anna Berg", []string{"Kenya"}, []string{"Tom Hale"}},
		{"quotation after a statement issued", "Senator Tom Hale issued a statement on the closure. \"Like many Texans, I am disappointed with Canada's decision.\"",
			"Tom Hale", []string{"Canada"}, nil},
		{"quotation open to the paragraph's end", "Governor Anna Berg said, \"The museum worked hard. Seattle was a good fit. I am sorry that NASA did not choose it.\n\"It will still get a trainer.\"",
			"Anna Berg", []string{"NASA"}, nil},
		{"legal form that ends a sentence", "Ratings firm Corvex said it cut its rating of Harlow Motors Corp. Bondholders in Canada were told on Monday.",
			"Corvex", []string{"Harlow Motors"}, []string{"Canada"}},
		{"pull quote credited with what it answered", "Tom Hale spoke in Oslo.\n\"We have brains, unlike Qatar.\" — Hale, on whether Gulf oil wealth will eclipse Israel.\n\nThe talks end today.",
			"Tom Hale", []string{"Qatar"}, []string{"Israel"}},
		{"frame before a colon", "Prime Minister Anna Berg defended her talks with Tom Hale: \"Our deals with Norway are working.\"",
			"Anna Berg", []string{"Norway"}, []string{"Tom Hale"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ex := extract(t, graph.Document{Text: tt.text})
			found := false
			for _, s := range ex.Statements {
				if s.Speaker.Name != tt.speaker {
					continue
				}
				found = true
				about := refNames(s.About)
				for _, w := range tt.want {
					if !slices.Contains(about, w) {
						t.Errorf("want %s among what %s said; got %q", w, tt.speaker, about)
					}
				}
				for _, n := range tt.not {
					if slices.Contains(about, n) {
						t.Errorf("%s is not what %s said about; got %q", n, tt.speaker, about)
					}
				}
			}
			if !found {
				t.Errorf("no statement by %s; got %q", tt.speaker, statementsOf(ex))
			}
		})
	}
}

// TestWireNames checks names that wire copy writes in ways the rules must
// not misread.
func TestWireNames(t *testing.T) {
	for _, tt := range []struct {
		name     string
		text     string
		want     []string // KIND name
		notNamed []string // names no entity may have
	}{
		{"all-caps headline", "EUROPEAN SHARES FALL AS BANKS SLIDE\n\nLONDON, May 2 (Reuters) - European shares fell on Tuesday.",
			[]string{"ORGANIZATION Reuters"}, []string{"EUROPEAN SHARES FALL", "BANKS SLIDE", "LONDON", "EUROPEAN SHARES FALL AS BANKS SLIDE"}},
		{"section label", "ASIAN CUP RESULTS\n\nJapan beat Vietnam 4-2 in Doha on Sunday.",
			[]string{"COUNTRY Japan"}, []string{"ASIAN CUP RESULTS"}},
		{"title out of a name", "Vice President Maria Vance said the talks would go on.",
			[]string{"PERSON Maria Vance"}, []string{"Vice President Maria Vance"}},
		{"outlet with a day", "The minister told Welt am Sonntag that Germany would not send troops.",
			[]string{"ORGANIZATION Welt am Sonntag"}, []string{"Welt"}},
		{"company with a country word", "Taiwan Semiconductor Manufacturing Co said sales rose 20%.",
			[]string{"ORGANIZATION Taiwan Semiconductor Manufacturing Co"}, []string{"Semiconductor Manufacturing Co", "Taiwan"}},
		{"US state", "Texas sued the federal government over the rule, and California joined the case.",
			nil, []string{"Texas", "California"}},
		{"clubs named after places", "Milan beat Valencia 2-1 in the Champions League on Wednesday, and Crystal Palace drew 1-1 with Everton.",
			[]string{"ORGANIZATION Milan", "ORGANIZATION Valencia", "ORGANIZATION Crystal Palace"}, nil},
		{"result row with a given name", "Division one\nCrystal Palace 3 Norwich 1\nOldham 1 Tranmere 1",
			[]string{"ORGANIZATION Crystal Palace", "ORGANIZATION Norwich"}, nil},
		{"club named with its city", "Hapoel Ramla 3 Maccabi Tel Aviv 1",
			[]string{"ORGANIZATION Hapoel Ramla", "ORGANIZATION Maccabi Tel Aviv"}, []string{"Maccabi"}},
		{"a country's name as a family name", "Deputy Attorney General Lisa Monaco said the case was closed, and historian Jonathan Israel agreed. Dining Out in Argentina is a guide.",
			[]string{"PERSON Lisa Monaco", "PERSON Jonathan Israel", "COUNTRY Argentina"}, []string{"Lisa", "Monaco", "Jonathan", "Israel"}},
		{"a given name that abbreviates a month", "Economists led by Jan Halvorsen said on Jan. 5 that a recession was unlikely, and sales rose in Jan 2024.",
			[]string{"PERSON Jan Halvorsen"}, []string{"Halvorsen", "Jan"}},
		{"a capitalized preposition inside a name", "Medics Without Borders said its clinic was hit, and the group Parents Against Drunk Driving said it would march. Soldiers Against the war marched.",
			[]string{"ORGANIZATION Medics Without Borders", "ORGANIZATION Parents Against Drunk Driving"}, []string{"Borders", "Drunk Driving", "Soldiers Against"}},
		{"a ship or a plane after aboard", "Speaking to reporters aboard Air Force One, Senator Maria Lopez said the talks went well. Sailors aboard the USS Harlan Reed said nothing.",
			[]string{"PERSON Maria Lopez"}, []string{"Air Force One", "Harlan Reed", "USS Harlan Reed"}},
		{"a market's index", "Hong Kong's Hang Seng index rose 1 percent and the Kospi average fell, Kestrel Securities said.",
			[]string{"ORGANIZATION Kestrel Securities"}, []string{"Hang Seng", "Kospi"}},
		{"players named with their country", "Dragoslav Vukelic of Croatia beat Teodor Kerekes of Hungary 6-3 6-4 in the final, and the Grand Duchy of Luxembourg hosted it.",
			[]string{"PERSON Dragoslav Vukelic", "PERSON Teodor Kerekes", "COUNTRY Luxembourg"}, []string{"Teodor Kerekes of Hungary", "Grand Duchy"}},
		{"a club after the result verb and the article", "The Kestrel Bay Herons beat the New York Otters 5-3 on Sunday, and the Herons beat the Los Angeles Comets 4-1 a week later.",
			[]string{"ORGANIZATION Kestrel Bay Herons", "ORGANIZATION New York Otters", "ORGANIZATION Los Angeles Comets"}, nil},
		{"two clubs before the result", "Hapoel Ramla and Maccabi Tel Aviv drew 1-1 on Sunday.",
			[]string{"ORGANIZATION Hapoel Ramla", "ORGANIZATION Maccabi Tel Aviv"}, nil},
		{"opponent of a player", "Tomas Berger beat Goran Ivanovic 6-3 6-4 in the second round.",
			[]string{"PERSON Tomas Berger", "PERSON Goran Ivanovic"}, nil},
		{"abbreviation before an organization", "The U.N. Security Council will meet on Friday to discuss the ceasefire.",
			[]string{"ORGANIZATION UN Security Council"}, []string{"United Nations"}},
		{"place after an organization word and of", "She received her degree from the University of Michigan in 1961.",
			[]string{"ORGANIZATION University of Michigan"}, []string{"University"}},
		{"players, not clubs", "Rafael Nadal beat Andy Murray 6-3, 6-4 in the final of the cup.",
			[]string{"PERSON Rafael Nadal", "PERSON Andy Murray"}, nil},
		{"states that speak", "Ohio and Nevada said on Monday they would sue the administration.",
			nil, []string{"Ohio", "Nevada"}},
		{"a state's name in a person's", "Virginia Hollis said the states would sue.",
			[]string{"PERSON Virginia Hollis"}, []string{"Virginia"}},
		{"portfolio before an adviser", "National Security Adviser Tom Hale said the talks would resume.",
			[]string{"PERSON Tom Hale"}, []string{"National Security"}},
		{"party member", "Senator Tom Hale, a Kentucky Republican, said the bill would fail.",
			[]string{"PERSON Tom Hale"}, []string{"Kentucky Republican"}},
		{"a state that no longer exists", "Soviet troops left Czechoslovakia in 1991, after the USSR agreed to withdraw.",
			[]string{"COUNTRY Soviet Union", "COUNTRY Czechoslovakia"}, []string{"USSR", "Soviet"}},
		{"a party named before its noun", "Viktor Oran's Fidesk party won the election, and the Olympic movement welcomed it.",
			[]string{"ORGANIZATION Fidesk"}, []string{"Olympic"}},
		{"legal form", "Boeing Co said on Tuesday it had won an order.",
			[]string{"ORGANIZATION Boeing"}, []string{"Boeing Co"}},
		{"place of the speakers", "Separatists in Chechnya said the town had fallen.",
			nil, []string{"Chechnya"}},
		{"outlet named in full", "Turkey's Anadolu Agency reported the visit. Anadolu said the talks would resume.",
			[]string{"ORGANIZATION Anadolu Agency"}, []string{"Anadolu"}},
		{"outlet named short", "Officials told NBC that the talks had failed.",
			[]string{"ORGANIZATION NBC"}, []string{"NBC News"}},
		{"a known company's name and what it does", "Siemens Energy said on Monday that orders rose. Siemens Energy CEO Lena Marsh told reporters the outlook was good.",
			[]string{"ORGANIZATION Siemens Energy", "PERSON Lena Marsh"}, []string{"Energy", "Siemens Energy CEO"}},
		{"a portfolio after an organization", "EU Energy Commissioner Lena Marsh said gas prices fell, and Congress and the states agreed.",
			[]string{"ORGANIZATION European Union", "PERSON Lena Marsh"}, []string{"EU Energy", "Congress and"}},
		{"a party named by its adjective", "Senator Tom Hale said the Republican party would hold its seat, and the Labour party in Britain agreed.",
			[]string{"ORGANIZATION Republican Party", "ORGANIZATION Labour Party"}, []string{"Republican", "Labour"}},
		{"a party after the country's abbreviation", "Tom Hale, a U.S. Republican Party presidential candidate, said he would run again.",
			[]string{"ORGANIZATION Republican Party", "PERSON Tom Hale"}, []string{"U.S. Republican Party"}},
		{"outlet by its abbreviation", "The AP reported that the talks had failed.",
			[]string{"ORGANIZATION Associated Press"}, []string{"AP"}},
		{"federal bodies by their full names", "The U.S. Department of Energy said output rose. The US Navy and the U.S. Coast Guard joined the search, funded by the US National Institutes of Health.",
			[]string{"ORGANIZATION United States Department of Energy", "ORGANIZATION United States Navy", "ORGANIZATION United States Coast Guard", "ORGANIZATION National Institutes of Health"},
			[]string{"U.S. Department of Energy", "US Navy", "US National Institutes of Health"}},
		{"a known name ending a longer one", "The White House asked the Kenyan National Security Council for help, and the Security Council met.",
			[]string{"ORGANIZATION UN Security Council"}, []string{"National"}},
		{"places and works the tagger reads as such", "Most of the rain falls in the Pacific Northwest. He voiced a villain in the Star Wars films and read from the Communist Manifesto on stage near the Volgograd Arena.",
			nil, []string{"Pacific Northwest", "Star Wars", "Communist Manifesto", "Volgograd Arena"}},
		{"an organization on weak evidence that speaks", "Blue Harbor Logistics, which has offices in Oslo, said profits rose.",
			[]string{"ORGANIZATION Blue Harbor Logistics"}, nil},
		{"a capital after an organization word and of", "She studied at the University of Paris and later taught at the University of London.",
			[]string{"ORGANIZATION University of Paris", "ORGANIZATION University of London"}, []string{"France", "United Kingdom", "University"}},
		{"another name of a country ending an organization's", "She led the Orchid Society of America and the Railway Guild of Britain.",
			[]string{"ORGANIZATION Orchid Society of America", "ORGANIZATION Railway Guild of Britain"}, []string{"Orchid Society", "Railway Guild"}},
		{"a country's name ending an organization's", "He joined the State Railway of Thailand in 1990.",
			[]string{"ORGANIZATION State Railway of Thailand"}, []string{"State Railway"}},
		{"authors cited", "Earlier studies found similar effects (Okonkwo & Haldane, 2011; Brisbois, 2014), and Varga et al. (2019) replicated them, as did Lindqvist and Mbeki (2020).",
			[]string{"PERSON Okonkwo", "PERSON Haldane", "PERSON Brisbois", "PERSON Varga", "PERSON Lindqvist", "PERSON Mbeki"}, nil},
		{"a title and a season with a year", "Her essays were collected in Curious by Nature (2005). As of Spring 2007, she lived in Regina.",
			nil, []string{"Nature", "Spring"}},
		{"a caption's credit", "Mayor Jane Okafor at the opening of the bridge.\nMayor Jane Okafor Photo: Tom Lindgren.\nThe bridge cost $40 million.",
			[]string{"PERSON Jane Okafor"}, []string{"Jane Okafor Photo", "Okafor Photo"}},
		{"names made adjectives", "The Seoul-based Zentrix said Iran-backed militias and Kremlin-backed separatists were active. A Paris-born artist spoke.",
			[]string{"ORGANIZATION Zentrix", "COUNTRY Iran", "COUNTRY Russia"}, []string{"Seoul-based Zentrix", "Seoul-based", "South Korea", "France"}},
		{"a company before a corporate title", "Zentrix Chief Executive Mark Ellison said demand was weak. Halvard CEO Ana Ruiz agreed, but Finance Minister Tom Hale and Former Chairman Rita Moreno did not.",
			[]string{"ORGANIZATION Zentrix", "ORGANIZATION Halvard", "PERSON Mark Ellison", "PERSON Ana Ruiz", "PERSON Tom Hale", "PERSON Rita Moreno"}, []string{"Finance", "Former"}},
		{"a magazine by its name", "Priya Raman of Lantern Magazine wrote that the law was unfair.",
			[]string{"ORGANIZATION Lantern", "PERSON Priya Raman"}, []string{"Lantern Magazine"}},
		{"a people's possessive in a name, and New", "Kim ordered the Korean People's Army to prepare. The New People's Party won two seats, the New Democratic Party three. New rules apply.",
			[]string{"ORGANIZATION Korean People's Army", "ORGANIZATION New People's Party", "ORGANIZATION New Democratic Party"}, []string{"Korean People", "People's Party", "Democratic Party"}},
		{"a majority or minority title", "House Minority Leader Dale Hobbs said the vote would fail.",
			[]string{"PERSON Dale Hobbs"}, []string{"House Minority"}},
		{"a surname credited with a quotation", "\"We are not going anywhere,\" Halvorsen said in a video address on Sunday.",
			[]string{"PERSON Halvorsen"}, nil},
		{"honorifics without a period", "\"It is too much,\" Ms Holloway said. Mr Tanaka agreed, and Dr Okafor did not.",
			[]string{"PERSON Holloway", "PERSON Tanaka", "PERSON Okafor"}, nil},
		{"a name before a noun after a lower-case role", "Nancy Ellery, the former House speaker, said the vote would fail. A former Google engineer agreed.",
			[]string{"PERSON Nancy Ellery"}, []string{"House", "Google engineer"}},
		// The tagger reads this name as a person's with too little margin
		// to override the rules; a retrained tagger may read it otherwise.
		{"a speaker the tagger reads as a person", "Rishi Sunak, speaking at a press conference in Downing Street, insisted that the plan would work.",
			[]string{"PERSON Rishi Sunak"}, nil},
		{"companies by their legal forms", "Glenmark International AG agreed to buy Xantra Plc, while Toyota Motor Corp and Kessel Motor Co Ltd said they would recall 1.2 million vehicles.",
			[]string{"ORGANIZATION Glenmark International", "ORGANIZATION Xantra", "ORGANIZATION Toyota", "ORGANIZATION Kessel Motor"},
			[]string{"Motor Corp", "Toyota Motor", "Xantra Plc", "Kessel Motor Co Ltd"}},
		{"an organization word of a country", "The Bundesbank and the Bank of France both warned of risks, and the Parliament of Georgia voted.",
			[]string{"ORGANIZATION Bank of France", "ORGANIZATION Parliament of Georgia"}, nil},
		{"a vice title", "Vice Chairman Li Na of China Everbright Bank told reporters the bank would raise capital.",
			[]string{"PERSON Li Na", "ORGANIZATION China Everbright Bank"}, []string{"Vice Chairman Li Na of China Everbright Bank"}},
		{"a company a demonym describes", "Hapag-Lloyd, the German container shipping company, said it expected demand to recover.",
			[]string{"ORGANIZATION Hapag-Lloyd"}, nil},
		{"results inside a sentence", "Results of Dutch first division matches on Saturday: Ajax Amsterdam 3 Vitesse Arnhem 1, Sparta Rotterdam 2 Roda JC 2.",
			[]string{"ORGANIZATION Ajax Amsterdam", "ORGANIZATION Vitesse Arnhem", "ORGANIZATION Sparta Rotterdam", "ORGANIZATION Roda JC"}, []string{"Ajax"}},
		{"names in Spanish, Portuguese and French", "She studied at the Universidad Nacional de Rosario and prayed at the Catedral de San Ildefonso near the Shah Mosque.",
			[]string{"ORGANIZATION Universidad Nacional de Rosario"}, []string{"Catedral de San Ildefonso", "Shah Mosque"}},
		{"a ruler's epithet", "He became a close friend of Tsar Peter the Great, and Constantine the Great made Christianity legal.",
			[]string{"PERSON Peter the Great", "PERSON Constantine the Great"}, []string{"Great", "Peter"}},
		{"words in capitals for emphasis", "The rooms were HUGE and the staff were VERY friendly. We will NEVER stay anywhere else.",
			nil, []string{"HUGE", "VERY", "NEVER"}},
		{"phrases in capitals for emphasis", "We moved last spring, so PLEASE NOTE our new address. Honestly THE BEST tacos in the county.",
			nil, []string{"PLEASE NOTE", "THE BEST"}},
		{"events and collections are not organizations", "Tickets for the Paralympics and the Toronto Fan Expo sold out before the World Series, and the Kestrel Art Collection drew crowds.",
			nil, []string{"Paralympics", "Toronto Fan Expo", "Fan Expo", "World Series", "Kestrel Art Collection"}},
		{"laboratories are organizations", "Researchers at the Brenner Materials Laboratory and the Orrin Dust Lab found the samples clean.",
			[]string{"ORGANIZATION Brenner Materials Laboratory", "ORGANIZATION Orrin Dust Lab"}, nil},
		{"an outlet's credit in capitals, and words in capitals that name no outlet", "The talks resumed on Monday.\nREUTERS / Jana Holm\nTIME TO ACT, the banners read.",
			[]string{"ORGANIZATION Reuters", "PERSON Jana Holm"}, []string{"Time", "TIME"}},
		{"judges and speakers written in capitals", "STEVENS, J., delivered the opinion of the Court, in which KENNEDY, SOUTER, GINSBURG, and BREYER joined. SCALIA filed a dissenting opinion, in which THOMAS and ALITO joined.\nJUSTICE SCALIA: Is that so?\nMR. HALVARD: Yes. Image: NASA. Charles Bolden, NASA Administrator, agreed. NASA said the shuttle would fly.",
			[]string{"PERSON SOUTER", "PERSON GINSBURG", "PERSON BREYER", "PERSON SCALIA", "PERSON ALITO", "PERSON HALVARD", "PERSON Charles Bolden", "ORGANIZATION NASA"}, []string{"JUSTICE SCALIA", "MR. HALVARD"}},
		{"a name the text says is a place", "Brackwell is a small village in the East Riding of Yorkshire. Brackwell has a church and a pub. Tom Hale, a city councillor, said the road would reopen.",
			[]string{"PERSON Tom Hale"}, []string{"Brackwell"}},
		{"a title of an organization is no part of its name", "She was later President of the Orchid Growers Society, and her brother Chief of the General Staff. \"Commanders of the Korean People's Army were dispatched,\" it said. Every pilot including [former Harbor Aviation Institute CEO] Jane Roe trained there.",
			[]string{"ORGANIZATION Orchid Growers Society", "ORGANIZATION General Staff", "ORGANIZATION Korean People's Army", "ORGANIZATION Harbor Aviation Institute", "PERSON Jane Roe"},
			[]string{"President of the Orchid Growers Society", "Chief of the General Staff", "Commanders of the Korean People's Army", "Harbor Aviation Institute CEO"}},
		{"a participle or an instruction opening a sentence", "The plant reopened on Monday. Having Vortex-grade steel will help the yard. See Jana Holm for the details.",
			[]string{"PERSON Jana Holm"}, []string{"Having Vortex-grade", "See Jana Holm"}},
		{"an outlet's name starting another organization's", "The Guardian Council said on Monday the bill was approved. A spokeswoman for the Thomson Reuters Foundation said the grant would go on, The Guardian reported.",
			[]string{"ORGANIZATION Guardian Council", "ORGANIZATION Thomson Reuters Foundation", "ORGANIZATION Guardian"}, []string{"Reuters"}},
		{"an organization's name starting and ending where its acronym says", "The Halvard Institute for Peace in Asia (HIPA) said talks would resume, and the HIPA will host them. Kestrel Telegraph and Cable Corp (KTC) said it would spin off its mobile unit.",
			[]string{"ORGANIZATION Halvard Institute for Peace in Asia", "ORGANIZATION Kestrel Telegraph and Cable"}, []string{"Halvard Institute for Peace", "HIPA", "Telegraph", "Cable", "KTC"}},
		{"an acronym and an organization joined by and", "Regional carrier SKL and Northgate Airlines said their alliance would go on, and the Food and Drug Administration agreed.",
			[]string{"ORGANIZATION SKL", "ORGANIZATION Northgate Airlines", "ORGANIZATION Food and Drug Administration"}, []string{"SKL and Northgate Airlines"}},
		{"a one-word body of the tables at the end of a longer name", "Leaders of the National Congress for Reform said they would boycott the vote, and the State Senate agreed. Congress did not.",
			[]string{"ORGANIZATION National Congress for Reform", "ORGANIZATION State Senate", "ORGANIZATION Congress"}, []string{"National", "Reform", "Senate"}},
		{"a country or a demonym after an organization word and of", "The Bank of Korea held rates, and the Museum of the Korean Dockworkers said the Union of Brazilian Writers would visit.",
			[]string{"ORGANIZATION Bank of Korea", "ORGANIZATION Museum of the Korean Dockworkers", "ORGANIZATION Union of Brazilian Writers"}, []string{"Korean Dockworkers", "Brazilian Writers"}},
		{"a company's legal form after an ampersand", "Analysts at Harwell Lynch & Co said the bank would hold rates, as did Brenning and Co.",
			[]string{"ORGANIZATION Harwell Lynch", "ORGANIZATION Brenning"}, []string{"Harwell Lynch &", "Brenning and"}},
		{"a generic body of a country whose name takes the article", "The Supreme Court of the United States heard the case, and the Ministry of Finance of the Russian Federation said it would pay.",
			[]string{"ORGANIZATION Supreme Court of the United States", "ORGANIZATION Ministry of Finance of Russia"}, []string{"Supreme Court of United States"}},
		{"an ordinal or a number starting an organization's name", "First Republic Bank said deposits fell, and Two Door Cinema Club cancelled a show. First, the bank must raise capital.",
			[]string{"ORGANIZATION First Republic Bank", "ORGANIZATION Two Door Cinema Club"}, []string{"Republic Bank", "Door Cinema Club"}},
		{"a body on what it deals with, and a school district", "Anna Berg, a fellow at the Council on Foreign Relations, told the House Committee on Foreign Affairs that the Conference on Disarmament had stalled. The Senate on Monday passed the bill, and the Brackwell Independent School District said classes would resume.",
			[]string{"ORGANIZATION Council on Foreign Relations", "ORGANIZATION House Committee on Foreign Affairs", "ORGANIZATION Conference on Disarmament", "ORGANIZATION Senate", "ORGANIZATION Brackwell Independent School District"},
			[]string{"House Committee", "Senate on Monday"}},
		{"persons listed with what they did in brackets", "She worked with directors such as Michelangelo Antonioni (La notte), Elia Kazan (The Last Tycoon) and Wim Dreyfors (Until the End of the World). The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino, said it was dangerous.",
			[]string{"PERSON Wim Dreyfors", "PERSON Nunzio Galantino", "ORGANIZATION CEI"}, nil},
		{"two given names joined by a hyphen", "The report drew on the investigations of Pierre-Simon Laplace.",
			[]string{"PERSON Pierre-Simon Laplace"}, nil},
		{"initials alone name no person", "He moved to the U. S. in 1990 and then to S. F., where Frederick H. Smith and J. K. Rowling met.",
			[]string{"PERSON Frederick H. Smith", "PERSON J. K. Rowling"}, []string{"U. S.", "S. F."}},
		{"facilities are places", "The delegates met at the Harbor Point Hotel, toured the Orrin Space Center (OSC) and the Delmar Convention Centre, and left from the Ridgeway Towers. The OSC will host the crew.",
			nil, []string{"Harbor Point Hotel", "Orrin Space Center", "OSC", "Delmar Convention Centre", "Ridgeway Towers"}},
		{"a facility that speaks is the body that runs it, and a research center is a body", "The Orrin Space Center said the launch would slip, according to the Kestrel Research Center.",
			[]string{"ORGANIZATION Orrin Space Center", "ORGANIZATION Kestrel Research Center"}, nil},
		{"acronym of an organization named before", "The Federal Aviation Administration grounded the jets on Monday. The FAA said inspections would take a week.",
			[]string{"ORGANIZATION Federal Aviation Administration"}, []string{"FAA"}},
		{"an outlet's longer name after 'The'", "The Times of India reported that the minister resigned, and The Times reported it too.",
			[]string{"ORGANIZATION Times of India", "ORGANIZATION Times"}, []string{"India"}},
		{"a family name's particle with a capital where a sentence starts", "Ursula von der Leyen told lawmakers that sanctions would follow. Von der Leyen added that the bloc was united. Van Morrison sang.",
			[]string{"PERSON Ursula von der Leyen", "PERSON Van Morrison"}, []string{"Von der Leyen"}},
		{"a body named by what it works for", "The report by the Halvard Endowment for International Peace was cited, and the Brenmark Trust for Racial Justice agreed. Support for Democracy is waning.",
			[]string{"ORGANIZATION Halvard Endowment for International Peace", "ORGANIZATION Brenmark Trust for Racial Justice"}, []string{"Halvard Endowment", "Brenmark Trust", "Support for Democracy", "Democracy"}},
		{"a university's campus", "Researchers at the University of Texas at Brookfield and the University of Carolina, Pine Bluff, said the drug worked. At the University of Carolina, Tom Hale said it did not.",
			[]string{"ORGANIZATION University of Texas at Brookfield", "ORGANIZATION University of Carolina, Pine Bluff", "PERSON Tom Hale"}, []string{"Brookfield", "Pine Bluff", "University of Carolina, Tom Hale"}},
		{"a legal form after a comma names no organization of its own", "The suit names Brenmark Systems, Inc. and Halden Capital, LLC as defendants.",
			[]string{"ORGANIZATION Brenmark Systems", "ORGANIZATION Halden Capital"}, []string{"LLC", "Inc.", "Inc"}},
		{"a body named after a known one, and a place with 'New' after 'of'", "The Federal Reserve Bank of New York said expectations rose. She studied at the University of New Mexico.",
			[]string{"ORGANIZATION Federal Reserve Bank of New York", "ORGANIZATION University of New Mexico"}, []string{"York", "Mexico", "Federal Reserve"}},
		{"a chamber's committee", "Sen. Tom Hale, chairman of the Senate Armed Services Committee, said the budget was short, and the Senate Intelligence Committee agreed. Senate Majority Leader Rita Moreno said nothing.",
			[]string{"ORGANIZATION Senate Armed Services Committee", "ORGANIZATION Senate Intelligence Committee", "PERSON Rita Moreno"}, []string{"Armed Services Committee", "Intelligence Committee", "Senate Majority Leader"}},
		{"a demonym inside a think tank's name", "The Halvard Institute for Estonian Studies said turnout fell, and the Centre for Irish and Cornish Studies agreed. Aid for Estonian farmers rose.",
			[]string{"ORGANIZATION Halvard Institute for Estonian Studies", "ORGANIZATION Centre for Irish and Cornish Studies", "COUNTRY Estonia"}, []string{"Estonian Studies", "Cornish Studies", "Halvard Institute"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ex := extract(t, graph.Document{Text: tt.text})
			var got []string
			for _, e := range ex.Entities {
				got = append(got, strings.ToUpper(string(e.Kind))+" "+e.Name)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("want %s; got %q", w, got)
				}
			}
			for _, n := range tt.notNamed {
				for _, e := range ex.Entities {
					if e.Name == n {
						t.Errorf("%q is an entity (%s); got %q", n, e.Kind, got)
					}
				}
			}
		})
	}
}

// TestCreditedQuotationStaysApart checks that a quotation credited to
// someone the rules cannot name does not go on with the statement before
// it, as an uncredited one does.
func TestCreditedQuotationStaysApart(t *testing.T) {
	text := "Asked about the sanctions, Anna Berg replied that Europe would stay united.\n" +
		"\"We will respond,\" a senior Israeli official told Axios."
	ex := extract(t, graph.Document{Text: text})
	second := strings.Index(text, "\"We")
	for _, s := range ex.Statements {
		if s.Speaker.Name == "Anna Berg" && s.End > second {
			t.Errorf("Anna Berg's statement runs on into the official's quotation: %q", s.Text)
		}
	}
	text = "Asked about the sanctions, Anna Berg replied that Europe would stay united.\n" +
		"\"We will respond.\""
	ex = extract(t, graph.Document{Text: text})
	if len(ex.Statements) != 1 || ex.Statements[0].End != len(text) {
		t.Errorf("an uncredited quotation after Anna Berg's statement is not hers: %+v", ex.Statements)
	}
}

// TestAcronymsListedAreNoPersons checks that a list of acronyms in
// capitals, one of which is also a given name, names no persons, as a list
// of judges' surnames in capitals does.
func TestAcronymsListedAreNoPersons(t *testing.T) {
	ex := extract(t, graph.Document{Text: "Bowling Green State University closed on Monday. Students at Bowling Green State University left early. The strike shut ISAP, ILPAP and ETHEL, the transit companies of Athens."})
	if entityNamed(ex, graph.KindOrganization, "Bowling Green State University") == nil {
		t.Errorf("Bowling Green State University is not an organization: %+v", ex.Entities)
	}
	for _, e := range ex.Entities {
		if e.Kind == graph.KindPerson {
			t.Errorf("%q is a person", e.Name)
		}
	}
}

func TestLegalFormsInMentions(t *testing.T) {
	// A company's legal form is part of its mention (scored by exact
	// span), not of its name, also after "&".
	ex := extract(t, graph.Document{ID: "d", Text: "JPMorgan Chase & Co said on Monday that Harwell Lynch & Co and Boeing Co would bid."})
	for name, want := range map[string]string{"JPMorgan Chase": "JPMorgan Chase & Co", "Harwell Lynch": "Harwell Lynch & Co", "Boeing": "Boeing Co"} {
		e := entityNamed(ex, graph.KindOrganization, name)
		if e == nil || len(e.Mentions) != 1 || e.Mentions[0].Text != want {
			t.Errorf("%s: %+v; want one mention %q", name, e, want)
		}
	}
}

// TestCompanyNamedLikeAPerson checks that a company whose name looks like a
// person's, once the story says it is a company, is one wherever the story
// names it, and that a person of that name with a title stays a person.
func TestCompanyNamedLikeAPerson(t *testing.T) {
	for _, tt := range []struct {
		text string
		want map[string]graph.Kind
	}{
		{"The defense firm Walter Ashby won the contract. Walter Ashby said the jets would fly in May.",
			map[string]graph.Kind{"Walter Ashby": graph.KindOrganization}},
		{"Grummond Keller lost the bid on Monday. Shares of Grummond Keller fell 3%.",
			map[string]graph.Kind{"Grummond Keller": graph.KindOrganization}},
		{"Senator Walter Ashby praised the defense firm Walter Ashby Group. Walter Ashby said he was pleased.",
			map[string]graph.Kind{"Walter Ashby": graph.KindPerson, "Walter Ashby Group": graph.KindOrganization}},
	} {
		ex := extract(t, graph.Document{Text: tt.text})
		got := map[string][]graph.Kind{}
		for _, e := range ex.Entities {
			got[e.Name] = append(got[e.Name], e.Kind)
		}
		for name, kind := range tt.want {
			if !slices.Equal(got[name], []graph.Kind{kind}) {
				t.Errorf("%q: %s is %v, want %s only", tt.text, name, got[name], kind)
			}
		}
	}
}
