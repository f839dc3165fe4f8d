package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// exportFormat is one way to write a subgraph to a file.
type exportFormat struct {
	ext         string
	contentType string
	write       func(buf *bytes.Buffer, sg graph.Subgraph) error
}

// exportFormatOf returns the format named by the format parameter. csv
// writes the edges only, one per row (source, target, type, count, first,
// last, source_name, target_name, statements), since a spreadsheet or pandas user
// mostly wants that one table and the node names ride along; graphml and
// gexf carry the nodes too.
func exportFormatOf(name string) (exportFormat, bool) {
	switch name {
	case "json":
		return exportFormat{"json", "application/json; charset=utf-8", writeJSON}, true
	case "graphml":
		return exportFormat{"graphml", "application/xml; charset=utf-8", writeGraphML}, true
	case "gexf":
		return exportFormat{"gexf", "application/xml; charset=utf-8", writeGEXF}, true
	case "csv":
		return exportFormat{"csv", "text/csv; charset=utf-8", writeCSV}, true
	}
	return exportFormat{}, false
}

// export serves GET /export?format=&entity=&depth=&limit=&kind=&rel=&from=
// &to=&view=: the neighborhood of entity, or without entity the whole
// graph (up to MaxExportNodes entities; depth and limit do not apply), as
// a file to download.
func (s *server) export(c *gin.Context) error {
	const op = "api.export"
	name := c.DefaultQuery("format", "json")
	f, ok := exportFormatOf(name)
	if !ok {
		return graph.InvalidParam(op, "format", "format must be graphml, gexf, csv or json, not %q", name)
	}
	q, err := neighborhoodParams(c, graph.DefaultNodeLimit, graph.MaxNodeLimit)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	var sg graph.Subgraph
	file := "entitygraph"
	if id := strings.TrimSpace(c.Query("entity")); id != "" {
		sg, err = graph.Neighborhood(ctx, s.store, id, q)
		if slug := fileSlug(id); slug != "" {
			file += "-" + slug
		}
	} else {
		sg, err = graph.WholeGraph(ctx, s.store, q)
	}
	if err != nil {
		return err
	}
	// Written to a buffer first: an error halfway through a streamed body
	// could no longer become a problem response.
	var buf bytes.Buffer
	if err := f.write(&buf, subgraphJSON(sg)); err != nil {
		return graph.Wrap(graph.Internal, op, "writing the export", err)
	}
	c.Header("Content-Disposition", `attachment; filename="`+file+"."+f.ext+`"`)
	c.Data(http.StatusOK, f.contentType, buf.Bytes())
	return nil
}

// fileSlug folds an entity id to the ASCII letters, digits and hyphens
// that a Content-Disposition filename can carry without encoding:
// "person:kyrylo-budanov" gives "person-kyrylo-budanov". A name in another
// script gives just its kind, which is still a sensible file name.
func fileSlug(id string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r == ':':
			return '-'
		}
		return -1
	}, graph.Slug(id)), "-")
}

func writeJSON(buf *bytes.Buffer, sg graph.Subgraph) error {
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	return enc.Encode(sg)
}

// writeCSV writes the edges with their ends' names; statements is a
// space-separated sample of statement ids (the evidence list pages
// through all of them).
func writeCSV(buf *bytes.Buffer, sg graph.Subgraph) error {
	names := make(map[string]string, len(sg.Nodes))
	for _, n := range sg.Nodes {
		names[n.ID] = n.Name
	}
	w := csv.NewWriter(buf)
	_ = w.Write([]string{"source", "target", "type", "count", "first", "last", "source_name", "target_name", "statements"})
	for _, e := range sg.Edges {
		_ = w.Write([]string{e.Source, e.Target, string(e.Type), strconv.Itoa(e.Count), e.First, e.Last,
			names[e.Source], names[e.Target], strings.Join(e.Statements, " ")})
	}
	w.Flush()
	return w.Error()
}

// GraphML (http://graphml.graphdrawing.org/): typed keys, then the graph.

type graphML struct {
	XMLName xml.Name     `xml:"graphml"`
	NS      string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphMLItem `xml:"node"`
	Edges       []graphMLItem `xml:"edge"`
}

type graphMLItem struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr,omitempty"`
	Target string        `xml:"target,attr,omitempty"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func writeGraphML(buf *bytes.Buffer, sg graph.Subgraph) error {
	doc := graphML{
		NS: "http://graphml.graphdrawing.org/xmlns",
		Keys: []graphMLKey{
			{"kind", "node", "kind", "string"},
			{"name", "node", "name", "string"},
			{"mentions", "node", "mentions", "int"},
			{"date", "node", "date", "string"},
			{"reports", "node", "reports", "int"},
			{"type", "edge", "type", "string"},
			{"count", "edge", "count", "int"},
			{"first", "edge", "first", "string"},
			{"last", "edge", "last", "string"},
			{"role", "edge", "role", "string"},
			{"statements", "edge", "statements", "string"},
		},
		Graph: graphMLGraph{ID: "entitygraph", EdgeDefault: "directed"},
	}
	for _, n := range sg.Nodes {
		item := graphMLItem{ID: n.ID, Data: []graphMLData{
			{"kind", string(n.Kind)}, {"name", n.Name}, {"mentions", strconv.Itoa(n.Mentions)},
		}}
		if n.Date != "" {
			item.Data = append(item.Data, graphMLData{"date", n.Date})
		}
		if n.Reports > 0 {
			item.Data = append(item.Data, graphMLData{"reports", strconv.Itoa(n.Reports)})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, item)
	}
	for _, e := range sg.Edges {
		item := graphMLItem{ID: e.ID, Source: e.Source, Target: e.Target, Data: []graphMLData{
			{"type", string(e.Type)}, {"count", strconv.Itoa(e.Count)},
		}}
		for _, d := range edgeExtras(e) {
			item.Data = append(item.Data, graphMLData{d[0], d[1]})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, item)
	}
	return writeXML(buf, doc)
}

// GEXF 1.3 (https://gexf.net/): the node's name is its label, the rest
// are declared attributes; an edge's count is also its weight, which Gephi
// uses for layout and thickness.

type gexf struct {
	XMLName xml.Name  `xml:"gexf"`
	NS      string    `xml:"xmlns,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator string `xml:"creator"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class      string          `xml:"class,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Weight int         `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func writeGEXF(buf *bytes.Buffer, sg graph.Subgraph) error {
	doc := gexf{
		NS:      "http://gexf.net/1.3",
		Version: "1.3",
		Meta:    gexfMeta{Creator: "entitygraph"},
		Graph: gexfGraph{
			DefaultEdgeType: "directed",
			Mode:            "static",
			Attributes: []gexfAttributes{
				{"node", []gexfAttribute{{"kind", "kind", "string"}, {"mentions", "mentions", "integer"}, {"date", "date", "string"},
					{"reports", "reports", "integer"}}},
				{"edge", []gexfAttribute{{"type", "type", "string"}, {"count", "count", "integer"}, {"first", "first", "string"},
					{"last", "last", "string"}, {"role", "role", "string"}, {"statements", "statements", "string"}}},
			},
		},
	}
	for _, n := range sg.Nodes {
		node := gexfNode{ID: n.ID, Label: n.Name, Values: []gexfValue{
			{"kind", string(n.Kind)}, {"mentions", strconv.Itoa(n.Mentions)},
		}}
		if n.Date != "" {
			node.Values = append(node.Values, gexfValue{"date", n.Date})
		}
		if n.Reports > 0 {
			node.Values = append(node.Values, gexfValue{"reports", strconv.Itoa(n.Reports)})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, node)
	}
	for _, e := range sg.Edges {
		edge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: string(e.Type), Weight: e.Count,
			Values: []gexfValue{{"type", string(e.Type)}, {"count", strconv.Itoa(e.Count)}}}
		for _, d := range edgeExtras(e) {
			edge.Values = append(edge.Values, gexfValue{d[0], d[1]})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, edge)
	}
	return writeXML(buf, doc)
}

// edgeExtras returns the optional attributes of an edge that it has, as
// (name, value): its first and last date, role and sample of statements.
func edgeExtras(e graph.Edge) [][2]string {
	var out [][2]string
	for _, d := range [][2]string{{"first", e.First}, {"last", e.Last}, {"role", e.Role}, {"statements", strings.Join(e.Statements, " ")}} {
		if d[1] != "" {
			out = append(out, d)
		}
	}
	return out
}

func writeXML(buf *bytes.Buffer, doc any) error {
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}
