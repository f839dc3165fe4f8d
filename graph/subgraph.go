package graph

// View selects how a subgraph shows statements.
type View string

const (
	// ViewEntities links a speaker straight to what its statements are
	// about (STATED) and to the outlets that carried them (REPORTED_BY);
	// each edge lists the statements behind it.
	ViewEntities View = "entities"
	// ViewStatements shows statements as nodes: speaker -STATED-> statement
	// -ABOUT-> entity, statement -REPORTED_BY-> outlet.
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
	// Date is the statement's date (statement nodes only).
	Date string `json:"date,omitempty"`
	// Omitted counts the neighbors of this node left out because the
	// subgraph hit its node limit ("+N more" in the UI).
	Omitted int `json:"omitted,omitempty"`
}

// Edge is an edge of a subgraph. In the entity view, Statements lists the
// ids of the statements an edge is derived from, and Count is their number.
type Edge struct {
	ID         string   `json:"id"`
	Type       RelType  `json:"type"`
	Source     string   `json:"source"`
	Target     string   `json:"target"`
	Statements []string `json:"statements,omitempty"`
	Count      int      `json:"count"`
	Role       string   `json:"role,omitempty"`
}

// Subgraph is what traversals return. Truncated is true when a limit cut
// it; Omitted counts the nodes left out.
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
