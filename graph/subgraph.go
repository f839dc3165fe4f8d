package graph

// View selects how a subgraph shows statements.
type View string

const (
	// ViewEntities links a speaker straight to what its statements are
	// about (STATED) and to the outlets that carried them (REPORTED_BY);
	// each edge lists the statements behind it.
	ViewEntities View = "entities"
	// ViewStatements shows statements as nodes: speaker -STATED-> statement
	// -ABOUT-> entity, statement -REPORTED_BY-> outlet; the reports of a
	// claim reported more than once are one claim node whose edges count
	// them (see statementview.go).
	ViewStatements View = "statements"
)

// ParseView accepts "entities", "statements" or empty (entities).
func ParseView(s string) (View, error) {
	switch View(s) {
	case "", ViewEntities:
		return ViewEntities, nil
	case ViewStatements:
		return ViewStatements, nil
	}
	return "", InvalidParam("graph.ParseView", "view", "view must be entities or statements, not %q", s)
}

// Node is a node of a subgraph: an entity, or a statement in the
// statement view.
type Node struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Name     string `json:"name"`
	Mentions int    `json:"mentions,omitempty"`
	// Date is the statement's date (statement nodes only; a claim node's
	// is its newest report's in the answer).
	Date string `json:"date,omitempty"`
	// Reports is a claim node's number of reports within the time range.
	Reports int `json:"reports,omitempty"`
	// Omitted counts the neighbors of this node (under the query's
	// filters) that no edge of the subgraph joins to it: "+N more" in the
	// UI, what expanding it would add. In the statement view: the
	// statements around an entity, or the entities a statement names,
	// that the subgraph leaves out.
	Omitted int `json:"omitted,omitempty"`
}

// Edge is an edge of a subgraph. Count is the number of statements
// behind it (of documents for a standing relation), First and Last their
// earliest and latest dates; Statements holds up to MaxEdgeSample of
// their ids, newest first (the rest are paged from the statements list).
// In the statement view an edge stands for one statement, or, at a claim
// node, for the claim's reports it joins (all of them within the time
// range, counted by the tally layer; Statements: those in the answer).
type Edge struct {
	ID         string   `json:"id"`
	Type       RelType  `json:"type"`
	Source     string   `json:"source"`
	Target     string   `json:"target"`
	Statements []string `json:"statements,omitempty"`
	Count      int      `json:"count"`
	First      string   `json:"first,omitempty"`
	Last       string   `json:"last,omitempty"`
	Role       string   `json:"role,omitempty"`
}

// Subgraph is what traversals return. Truncated is true when a limit left
// out nodes within the depth asked for; Omitted counts the requested
// entity's own neighbors left out (the entities left out, for an export
// of the whole graph).
type Subgraph struct {
	Nodes     []Node `json:"nodes"`
	Edges     []Edge `json:"edges"`
	Truncated bool   `json:"truncated"`
	Omitted   int    `json:"omitted,omitempty"`
}

// NeighborhoodQuery shapes a neighborhood. Zero values mean: depth 1,
// DefaultNodeLimit nodes, every kind, every edge type, any time, entity view.
type NeighborhoodQuery struct {
	Depth int
	Limit int
	Kinds []Kind
	Rels  []RelType
	Time  TimeRange
	View  View
}

// PathResult is the shortest connection between two entities in the
// entity view. Found is false when none is within MaxDepth steps.
type PathResult struct {
	Subgraph
	Found bool `json:"found"`
	// Length is the number of edges on the path.
	Length int `json:"length"`
	// Order lists the node ids from one end to the other.
	Order []string `json:"order"`
}
