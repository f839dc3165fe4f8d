package api

import (
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

func TestExport(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		for _, tt := range []struct {
			query    string
			filename string
			check    func(t *testing.T, body []byte) (nodes map[string]bool, edges map[string]bool)
		}{
			{"format=graphml&entity=person:kyrylo-budanov", "entitygraph-person-kyrylo-budanov.graphml", parseGraphML},
			{"format=gexf&entity=person:kyrylo-budanov", "entitygraph-person-kyrylo-budanov.gexf", parseGEXF},
			{"format=csv&entity=person:kyrylo-budanov", "entitygraph-person-kyrylo-budanov.csv", parseCSV},
			{"format=json&entity=person:kyrylo-budanov", "entitygraph-person-kyrylo-budanov.json", parseJSON},
			{"entity=person:kyrylo-budanov", "entitygraph-person-kyrylo-budanov.json", parseJSON},
		} {
			rec := c.get("/api/v1/export?" + tt.query)
			wantStatus(t, rec, http.StatusOK)
			if cd, want := rec.Header().Get("Content-Disposition"), `attachment; filename="`+tt.filename+`"`; cd != want {
				t.Errorf("%s: Content-Disposition %q, want %q", tt.query, cd, want)
			}
			nodes, edges := tt.check(t, rec.Body.Bytes())
			if !nodes[budanov] || !nodes[northKorea] || !edges["STATED "+budanov+" "+russia] || !edges["REPORTED_BY "+budanov+" "+financialTimes] {
				t.Errorf("%s: nodes %v, edges %v; want Budanov's neighborhood", tt.query, nodes, edges)
			}
		}

		// Without an entity: the whole graph, Ukrainian News (two steps from
		// Budanov) too.
		for _, format := range []string{"graphml", "gexf", "csv", "json"} {
			rec := c.get("/api/v1/export?format=" + format)
			wantStatus(t, rec, http.StatusOK)
			if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="entitygraph.`+format+`"` {
				t.Errorf("whole graph as %s: Content-Disposition %q", format, cd)
			}
			parse := map[string]func(*testing.T, []byte) (map[string]bool, map[string]bool){
				"graphml": parseGraphML, "gexf": parseGEXF, "csv": parseCSV, "json": parseJSON,
			}[format]
			_, edges := parse(t, rec.Body.Bytes())
			if !edges["REPORTED_BY "+yusov+" "+ukrNews] || !edges["STATED "+budanov+" "+russia] {
				t.Errorf("whole graph as %s: edges %v, want Yusov → Ukrainian News and Budanov → Russia", format, edges)
			}
		}
	})
}

func parseGraphML(t *testing.T, body []byte) (map[string]bool, map[string]bool) {
	t.Helper()
	var doc struct {
		Keys  []graphMLKey `xml:"key"`
		Nodes []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("graphml is not XML: %v", err)
	}
	data := func(d []graphMLData, key string) string {
		for _, x := range d {
			if x.Key == key {
				return x.Value
			}
		}
		return ""
	}
	nodes, edges := map[string]bool{}, map[string]bool{}
	for _, n := range doc.Nodes {
		if data(n.Data, "kind") == "" || data(n.Data, "name") == "" || data(n.Data, "mentions") == "" {
			t.Errorf("graphml node %s: data %+v, want kind, name and mentions", n.ID, n.Data)
		}
		nodes[n.ID] = true
	}
	for _, e := range doc.Edges {
		if data(e.Data, "count") == "" {
			t.Errorf("graphml edge %s → %s has no count", e.Source, e.Target)
		}
		edges[data(e.Data, "type")+" "+e.Source+" "+e.Target] = true
	}
	return nodes, edges
}

func parseGEXF(t *testing.T, body []byte) (map[string]bool, map[string]bool) {
	t.Helper()
	var doc gexf
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("gexf is not XML: %v", err)
	}
	if doc.XMLName.Space != "http://gexf.net/1.3" || doc.Version != "1.3" {
		t.Errorf("gexf root %v version %q", doc.XMLName, doc.Version)
	}
	nodes, edges := map[string]bool{}, map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		if n.Label == "" || len(n.Values) < 2 {
			t.Errorf("gexf node %+v, want a label, kind and mentions", n)
		}
		nodes[n.ID] = true
	}
	for _, e := range doc.Graph.Edges {
		if e.Weight < 1 {
			t.Errorf("gexf edge %+v has no weight", e)
		}
		edges[e.Label+" "+e.Source+" "+e.Target] = true
	}
	return nodes, edges
}

func parseCSV(t *testing.T, body []byte) (map[string]bool, map[string]bool) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	header := "source,target,type,count,first,last,source_name,target_name,statements"
	if len(rows) == 0 || strings.Join(rows[0], ",") != header {
		t.Fatalf("csv header %v, want %s", rows, header)
	}
	nodes, edges := map[string]bool{}, map[string]bool{}
	for _, r := range rows[1:] {
		if r[6] == "" || r[7] == "" {
			t.Errorf("csv row %v has no names", r)
		}
		nodes[r[0]], nodes[r[1]] = true, true
		edges[r[2]+" "+r[0]+" "+r[1]] = true
	}
	return nodes, edges
}

func parseJSON(t *testing.T, body []byte) (map[string]bool, map[string]bool) {
	t.Helper()
	sg := decodeBytes[graph.Subgraph](t, body)
	nodes, edges := map[string]bool{}, map[string]bool{}
	for _, n := range sg.Nodes {
		nodes[n.ID] = true
	}
	for _, e := range sg.Edges {
		edges[string(e.Type)+" "+e.Source+" "+e.Target] = true
	}
	return nodes, edges
}

func TestFileSlugIsASCII(t *testing.T) {
	for id, want := range map[string]string{
		"person:kyrylo-budanov": "person-kyrylo-budanov",
		"organization:défense":  "organization-defense",
		"person:кирило-буданов": "person",
		"wire/2024/x":           "wire-2024-x",
		"":                      "",
	} {
		if got := fileSlug(id); got != want {
			t.Errorf("fileSlug(%q) = %q, want %q", id, got, want)
		}
	}
}
