package api

import (
	"net/http"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

type rankingJSON struct {
	Items []struct {
		Entity graph.EntityRef  `json:"entity"`
		Other  *graph.EntityRef `json:"other"`
		Count  int              `json:"count"`
	} `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

// ids returns the items' entity ids, "speaker>about" for pairs.
func (r rankingJSON) ids() []string {
	var out []string
	for _, it := range r.Items {
		id := it.Entity.ID
		if it.Other != nil {
			id += ">" + it.Other.ID
		}
		out = append(out, id)
	}
	return out
}

func TestOverview(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		type overview struct {
			Statements int                `json:"statements"`
			Speakers   rankingJSON        `json:"speakers"`
			Outlets    rankingJSON        `json:"outlets"`
			Pairs      rankingJSON        `json:"pairs"`
			Months     []graph.MonthCount `json:"months"`
			Undated    int                `json:"undated"`
		}
		got := decode[overview](t, c.get("/api/v1/overview?limit=2"))
		if got.Statements != 6 || got.Undated != 1 || len(got.Months) != 3 {
			t.Errorf("overview counts %d statements, %d undated, months %v: want 6, 1 and three months", got.Statements, got.Undated, got.Months)
		}
		equalIDs(t, "most quoted speakers", got.Speakers.ids(), []string{budanov, "organization:south-korean-intelligence"})
		equalIDs(t, "outlets with the most statements", got.Outlets.ids(), []string{financialTimes, ukrNews})
		equalIDs(t, "busiest pairs", got.Pairs.ids(), []string{budanov + ">" + russia, budanov + ">" + northKorea})
		if got.Speakers.Items[0].Count != 4 || got.Speakers.Items[0].Entity.Name != "Kyrylo Budanov" {
			t.Errorf("the most quoted speaker %+v: want Kyrylo Budanov with 4", got.Speakers.Items[0])
		}
		// The pairs' next page goes on where the overview stopped.
		next := decode[rankingJSON](t, c.get("/api/v1/rankings/pairs?page_size=50&page_token="+got.Pairs.NextPageToken))
		if len(next.Items) == 0 || next.Items[0].Count > got.Pairs.Items[1].Count {
			t.Errorf("the next page of pairs %+v does not follow the overview's", next.Items)
		}
		wantProblem(t, c.get("/api/v1/overview?limit=51"), http.StatusBadRequest, "limit")
	})
}

func TestProfiles(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		type profile struct {
			Entity     graph.Entity           `json:"entity"`
			Statements int                    `json:"statements"`
			Named      *int                   `json:"named"`
			Months     []graph.MonthCount     `json:"months"`
			Undated    int                    `json:"undated"`
			Lists      map[string]rankingJSON `json:"lists"`
		}
		ft := decode[profile](t, c.get("/api/v1/entities/"+financialTimes+"/profile?as=outlet"))
		if ft.Statements != 3 || ft.Named == nil || *ft.Named != 3 {
			t.Errorf("the Financial Times carried %d statements, %v by a named person: want 3 and 3", ft.Statements, ft.Named)
		}
		equalIDs(t, "whom the FT quotes", ft.Lists["speakers"].ids(), []string{budanov})
		equalIDs(t, "about whom", ft.Lists["about"].ids(), []string{russia, northKorea})

		b := decode[profile](t, c.get("/api/v1/entities/"+budanov+"/profile?as=speaker&limit=2"))
		if b.Statements != 4 || b.Undated != 1 {
			t.Errorf("Budanov's statements %d, undated %d: want 4 and 1", b.Statements, b.Undated)
		}
		equalIDs(t, "Budanov's topics", b.Lists["topics"].ids(), []string{russia, northKorea})
		more := decode[rankingJSON](t, c.get("/api/v1/rankings/speaker_topics?scope="+budanov+"&page_token="+b.Lists["topics"].NextPageToken))
		equalIDs(t, "Budanov's other topics", more.ids(), []string{kremlin})

		r := decode[profile](t, c.get("/api/v1/entities/"+russia+"/profile?as=about&from=2024-01-15"))
		if r.Statements != 4 || r.Undated != 0 || len(r.Months) != 2 {
			t.Errorf("statements about Russia from 2024-01-15: %d, undated %d, months %v: want 4, 0, two months", r.Statements, r.Undated, r.Months)
		}

		wantProblem(t, c.get("/api/v1/entities/person:nobody/profile"), http.StatusNotFound, "")
		wantProblem(t, c.get("/api/v1/entities/"+budanov+"/profile?as=reader"), http.StatusBadRequest, "as")
		wantProblem(t, c.get("/api/v1/rankings/speaker_topics"), http.StatusBadRequest, "scope")
		wantProblem(t, c.get("/api/v1/rankings/speakers?scope="+budanov), http.StatusBadRequest, "scope")
		wantProblem(t, c.get("/api/v1/rankings/readers"), http.StatusNotFound, "")
		// A token of one scope is refused for another.
		wantProblem(t, c.get("/api/v1/rankings/speaker_topics?scope="+russia+"&page_token="+b.Lists["topics"].NextPageToken), http.StatusBadRequest, "page_token")
	})
}

func equalIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %v, want %v", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: %v, want %v", what, got, want)
			return
		}
	}
}
