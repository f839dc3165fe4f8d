package api

import (
	"context"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/storetest"
)

// Entity ids of the seed fixture (graph/storetest), as users type them.
const (
	budanov        = storetest.Budanov
	yusov          = storetest.Yusov
	northKorea     = storetest.NorthKorea
	russia         = storetest.Russia
	financialTimes = storetest.FinancialTimes
	ukrNews        = storetest.UkrainianNews
	defenseIntel   = storetest.DefenseIntel
	kremlin        = storetest.Kremlin
	reuters        = "organization:reuters" // only in documents the tests post
)

// seed is the seed fixture and the statements the tests look at.
type seed struct {
	extractions []*graph.Extraction
	// Budanov's three statements to the Financial Times (2024-01) and his
	// undated one about the Kremlin.
	budanovSearch, budanovSupplier, budanovAmmunition, budanovKremlin string
	// Yusov's one statement (2024-02-03), reported by Ukrainian News.
	yusovMissiles string
}

func seedFixture(t *testing.T) seed {
	t.Helper()
	s := seed{extractions: storetest.SeedExtractions()}
	s.budanovSearch = s.statement(t, `"This explains russia's search`)
	s.budanovSupplier = s.statement(t, "According to Budanov, North Korea")
	s.budanovAmmunition = s.statement(t, `"They really handed over`)
	s.budanovKremlin = s.statement(t, "Kyrylo Budanov said the Kremlin")
	s.yusovMissiles = s.statement(t, "Information on the transfer of ballistic missiles")
	return s
}

// statement returns the id of the seed statement whose text starts with
// prefix.
func (s seed) statement(t *testing.T, prefix string) string {
	t.Helper()
	for _, x := range s.extractions {
		for _, st := range x.Statements {
			if strings.HasPrefix(st.Text, prefix) {
				return st.ID
			}
		}
	}
	t.Fatalf("no seed statement starts with %q", prefix)
	return ""
}

// document returns the seed extraction of document id.
func (s seed) document(t *testing.T, id string) graph.Document {
	t.Helper()
	for _, x := range s.extractions {
		if x.Document.ID == id {
			return x.Document
		}
	}
	t.Fatalf("no seed document %s", id)
	return graph.Document{}
}

// load writes the fixture into st.
func (s seed) load(t *testing.T, st graph.Store) {
	t.Helper()
	for _, x := range s.extractions {
		if _, err := st.WriteExtraction(context.Background(), x); err != nil {
			t.Fatalf("loading seed document %s: %v", x.Document.ID, err)
		}
	}
}
