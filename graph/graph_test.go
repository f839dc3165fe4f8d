package graph_test

import (
	"errors"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

func TestEntityIDIsStableAcrossSurfaceForms(t *testing.T) {
	tests := []struct {
		kind graph.Kind
		name string
		want string
	}{
		{graph.KindPerson, "Kyrylo Budanov", "person:kyrylo-budanov"},
		{graph.KindPerson, "  KYRYLO   BUDANOV ", "person:kyrylo-budanov"},
		{graph.KindOrganization, "Défense Ministry's", "organization:defense-ministry"},
		{graph.KindOrganization, "U.S. Department of State", "organization:u-s-department-of-state"},
		{graph.KindCountry, "Côte d’Ivoire", "country:cote-divoire"},
	}
	for _, tt := range tests {
		if got := graph.EntityID(tt.kind, tt.name); got != tt.want {
			t.Errorf("EntityID(%s, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, ok := range []string{"", "2024", "2024-01", "2024-01-21"} {
		if _, err := graph.ParseDate(ok); err != nil {
			t.Errorf("ParseDate(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"2024-13", "2024-02-30", "yesterday", "24-01-01", "2024/01/01"} {
		if _, err := graph.ParseDate(bad); graph.ErrorCode(err) != graph.Invalid {
			t.Errorf("ParseDate(%q) = %v, want an Invalid error", bad, err)
		}
	}
}

func TestTimeRangeContainsPartialDates(t *testing.T) {
	tests := []struct {
		from, to, date string
		want           bool
	}{
		{"", "", "", true},
		{"2024-01", "2024-01", "2024-01-15", true},
		{"2024-01-15", "2024-01-20", "2024-01", true}, // a month overlaps its days
		{"2024-02", "", "2024-01-31", false},
		{"", "2023", "2024-01", false},
		{"2024", "", "", false}, // undated statements fall outside any range
	}
	for _, tt := range tests {
		tr, err := graph.NewTimeRange(tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		if got := tr.Contains(tt.date); got != tt.want {
			t.Errorf("[%s, %s].Contains(%q) = %v, want %v", tt.from, tt.to, tt.date, got, tt.want)
		}
	}
}

func TestNewTimeRangeNamesTheBadParameter(t *testing.T) {
	tests := []struct{ from, to, param string }{
		{"2024-99", "", "from"},
		{"", "soon", "to"},
		{"2024-03", "2024-01", "from"},
	}
	for _, tt := range tests {
		_, err := graph.NewTimeRange(tt.from, tt.to)
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Param != tt.param {
			t.Errorf("NewTimeRange(%q, %q) = %v, want an error naming %s", tt.from, tt.to, err, tt.param)
		}
	}
}

func TestPageTokensRoundTrip(t *testing.T) {
	size, offset, err := graph.PageRequest{}.Normalize()
	if err != nil || size != graph.DefaultPageSize || offset != 0 {
		t.Fatalf("first page = %d, %d, %v", size, offset, err)
	}
	token := graph.NextPageToken(40, 20, true)
	if _, offset, err = (graph.PageRequest{Size: 20, Token: token}).Normalize(); err != nil || offset != 60 {
		t.Fatalf("next page offset = %d, %v; want 60", offset, err)
	}
	if graph.NextPageToken(40, 20, false) != "" {
		t.Error("the last page gave a next page token")
	}
	for _, bad := range []graph.PageRequest{{Size: -1}, {Size: graph.MaxPageSize + 1}, {Token: "not-a-token"}} {
		if _, _, err := bad.Normalize(); graph.ErrorCode(err) != graph.Invalid {
			t.Errorf("Normalize(%+v) = %v, want Invalid", bad, err)
		}
	}
}

func TestErrorMessageKeepsEveryLayerButHidesForeignErrors(t *testing.T) {
	inner := graph.Errorf(graph.Unavailable, "neo4j.Facts", "neo4j is not reachable")
	err := graph.Wrap(graph.Internal, "graph.fetch", "reading statements", inner)
	if got := graph.ErrorMessage(err); got != "reading statements: neo4j is not reachable" {
		t.Errorf("message = %q", got)
	}
	if graph.ErrorCode(err) != graph.Unavailable {
		t.Errorf("code = %s, want the inner Unavailable", graph.ErrorCode(err))
	}
	leaky := graph.Wrap(graph.Internal, "sqlite.Stats", "counting", errors.New("SQL logic error near SELECT"))
	if got := graph.ErrorMessage(leaky); got != "counting" {
		t.Errorf("message = %q, want the driver's text left out", got)
	}
}
