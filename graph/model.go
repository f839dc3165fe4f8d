package graph

// Document is one piece of news text and where it came from. Date is
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (empty when unknown).
type Document struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Text   string `json:"text,omitempty"`
	// Bytes is the length of Text; set by stores when they list documents
	// without their text.
	Bytes int `json:"bytes"`
	// Statements is how many statements the document gave; set by stores.
	Statements int `json:"statements"`
	// CopyCount is how many syndicated copies were folded into the
	// document, and Copies the first MaxDocumentCopies of them, first
	// reports first (Reader.Document sets them; see copies.go).
	CopyCount int    `json:"copy_count,omitempty"`
	Copies    []Copy `json:"copies,omitempty"`
	// RequestedCopy is set when the document was asked for by the id of
	// one of its copies: that copy.
	RequestedCopy *Copy `json:"requested_copy,omitempty"`
}

// Entity is a person, organization or country: one node however many
// surface forms (Aliases) the texts used for it.
type Entity struct {
	ID        string   `json:"id"`
	Kind      Kind     `json:"kind"`
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
	FirstSeen string   `json:"first_seen,omitempty"`
	LastSeen  string   `json:"last_seen,omitempty"`
}

// Ref returns the short reference to e.
func (e Entity) Ref() EntityRef { return EntityRef{ID: e.ID, Kind: e.Kind, Name: e.Name} }

// Drawn returns what a subgraph's node shows of e (its ID, Kind, Name and
// Mentions; the other fields zero): what LinkReader.NodesAround reads of
// an entity.
func (e Entity) Drawn() Entity {
	return Entity{ID: e.ID, Kind: e.Kind, Name: e.Name, Mentions: e.Mentions}
}

// EntityRef names an entity where a whole Entity would be too much.
type EntityRef struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
}

// Mention is one occurrence of an entity in a document's text: byte offsets,
// end exclusive.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// DocumentEntity is an entity as one document names it, with every mention.
type DocumentEntity struct {
	ID       string    `json:"id"`
	Kind     Kind      `json:"kind"`
	Name     string    `json:"name"`
	Aliases  []string  `json:"aliases,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// Ref returns the short reference to e.
func (e DocumentEntity) Ref() EntityRef { return EntityRef{ID: e.ID, Kind: e.Kind, Name: e.Name} }

// Statement is something a speaker said, about other entities, carried by
// outlets; Text is the sentence (or sentences) it stands in, Start and End
// its byte span in the document.
type Statement struct {
	ID         string       `json:"id"`
	DocumentID string       `json:"document_id"`
	Speaker    EntityRef    `json:"speaker"`
	About      []EntityRef  `json:"about"`
	ReportedBy []EntityRef  `json:"reported_by"`
	Text       string       `json:"text"`
	Quote      string       `json:"quote,omitempty"`
	Cue        string       `json:"cue,omitempty"`
	Date       string       `json:"date,omitempty"`
	Start      int          `json:"start"`
	End        int          `json:"end"`
	Document   *DocumentRef `json:"document,omitempty"`
	// Claim is the claim the statement makes (ClaimOf) and Reports how
	// many statements report it: set by the API when it answers, not
	// read by stores.
	Claim   string `json:"claim,omitempty"`
	Reports int    `json:"reports,omitempty"`
}

// DocumentRef is what a statement shows of its document.
type DocumentRef struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Relation is a standing link between two entities that a text states:
// AFFILIATED_WITH (person → organization, with Role), PART_OF
// (organization → organization) and BASED_IN (organization → country).
type Relation struct {
	Type   RelType `json:"type"`
	Source string  `json:"source"`
	Target string  `json:"target"`
	Role   string  `json:"role,omitempty"`
	// DocumentID is the document that stated it.
	DocumentID string `json:"document_id,omitempty"`
}

// Extraction is everything one document gave: the document itself, its
// entities with their mentions, its statements and its relations. Stores
// write one Extraction atomically, and writing the same one twice leaves the
// graph as it was after the first write.
type Extraction struct {
	Document   Document         `json:"document"`
	Entities   []DocumentEntity `json:"entities"`
	Statements []Statement      `json:"statements"`
	Relations  []Relation       `json:"relations"`
	// Fingerprint, when set, has the store fold the document with its
	// syndicated copies (see copies.go): ingest sets it. Outlet is the
	// outlet the document's source names (nil when none), which becomes a
	// REPORTED_BY of the canonical document's statements when this one is
	// a copy. Neither is part of the extraction's identity.
	Fingerprint *Fingerprint `json:"-"`
	Outlet      *EntityRef   `json:"-"`
}

// WriteResult says what a write did.
type WriteResult struct {
	DocumentID string `json:"document_id"`
	// Unchanged is true when the store already held this exact extraction.
	Unchanged  bool `json:"unchanged"`
	Entities   int  `json:"entities"`
	Statements int  `json:"statements"`
	// CopyOf is set when the document was folded, as a syndicated copy,
	// into this canonical document (see copies.go).
	CopyOf string `json:"copy_of,omitempty"`
	// Folded counts the stored documents that became copies of this one
	// (later reports of its story; their copies moved with them).
	Folded int `json:"folded,omitempty"`
}

// Stats counts what a store holds.
type Stats struct {
	Documents  int            `json:"documents"`
	Entities   int            `json:"entities"`
	Statements int            `json:"statements"`
	ByKind     map[Kind]int   `json:"by_kind"`
	Edges      map[string]int `json:"edges"`
	FirstDate  string         `json:"first_date,omitempty"`
	LastDate   string         `json:"last_date,omitempty"`
}
