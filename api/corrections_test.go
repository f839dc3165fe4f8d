package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// del sends DELETE target with the headers given as name, value pairs.
func (c *client) del(target string, headers ...string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodDelete, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

func TestCorrectionsRoutes(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) { testCorrectionsRoutes(t, open(t)) })
}

func testCorrectionsRoutes(t *testing.T, store graph.Store) {
	sd := seedFixture(t)
	sd.load(t, store)
	c := newClient(t, Config{Store: store})
	mainIntel := url.PathEscape(storetest.MainIntel)

	rec := c.postJSON("/api/v1/corrections", `{"kind": "merge", "target": "`+storetest.MainIntel+`", "after": {"id": "`+defenseIntel+`"}, "reason": "one directorate"}`)
	wantStatus(t, rec, http.StatusCreated)
	merge := decode[graph.Correction](t, rec)
	if merge.Author != "local" || merge.Before.Name != "Main Intelligence Directorate" || merge.After.ID != defenseIntel || merge.Reason != "one directorate" {
		t.Errorf("merge as recorded: %+v", merge)
	}

	// The merged-away id answers with a redirect to the entity it became,
	// on its neighborhood, timeline and profile too, query kept.
	rec = c.get("/api/v1/entities/" + mainIntel)
	wantStatus(t, rec, http.StatusPermanentRedirect)
	if got := rec.Header().Get("Location"); got != "/api/v1/entities/"+url.PathEscape(defenseIntel) {
		t.Errorf("Location %q", got)
	}
	for _, route := range []string{"/neighborhood?depth=2", "/timeline?from=2024-01", "/profile?as=speaker"} {
		rec = c.get("/api/v1/entities/" + mainIntel + route)
		wantStatus(t, rec, http.StatusPermanentRedirect)
		if got := rec.Header().Get("Location"); got != "/api/v1/entities/"+url.PathEscape(defenseIntel)+route {
			t.Errorf("%s: Location %q", route, got)
		}
	}
	// An id that never was still gets 404.
	wantProblem(t, c.get("/api/v1/entities/person:nobody"), http.StatusNotFound, "")

	rec = c.postJSON("/api/v1/corrections", `{"kind": "hide", "target": "`+kremlin+`"}`)
	wantStatus(t, rec, http.StatusCreated)
	hide := decode[graph.Correction](t, rec)
	rec = c.postJSON("/api/v1/corrections", `{"kind": "speaker", "target": "`+sd.budanovSearch+`", "after": {"id": "`+yusov+`"}}`)
	wantStatus(t, rec, http.StatusCreated)
	rec = c.get("/api/v1/statements/" + sd.budanovSearch)
	wantStatus(t, rec, http.StatusOK)
	if st := decode[graph.Statement](t, rec); st.Speaker.ID != yusov {
		t.Errorf("statement after the speaker fix: %+v", st.Speaker)
	}
	rec = c.postJSON("/api/v1/corrections", `{"kind": "speaker", "target": "`+sd.budanovKremlin+`"}`)
	wantStatus(t, rec, http.StatusCreated)
	rec = c.get("/api/v1/statements/" + sd.budanovKremlin)
	wantStatus(t, rec, http.StatusOK) // an unattributed speaker matches the spec

	for _, e := range []struct {
		name, body string
		status     int
		param      string
	}{
		{"unknown kind", `{"kind": "delete", "target": "` + budanov + `"}`, http.StatusBadRequest, "kind"},
		{"not JSON", `{"kind": `, http.StatusBadRequest, ""},
		{"unknown target", `{"kind": "hide", "target": "person:nobody"}`, http.StatusNotFound, "target"},
		{"unknown statement", `{"kind": "reject", "target": "st_nothing"}`, http.StatusNotFound, "target"},
		{"merge into an unknown entity", `{"kind": "merge", "target": "` + budanov + `", "after": {"id": "person:nobody"}}`, http.StatusNotFound, "after"},
		{"merge into itself", `{"kind": "merge", "target": "` + budanov + `", "after": {"id": "` + budanov + `"}}`, http.StatusConflict, ""},
		{"merge into a hidden entity", `{"kind": "merge", "target": "` + budanov + `", "after": {"id": "` + kremlin + `"}}`, http.StatusConflict, ""},
		{"a cycle", `{"kind": "merge", "target": "` + defenseIntel + `", "after": {"id": "` + storetest.MainIntel + `"}}`, http.StatusConflict, ""},
		{"hide twice", `{"kind": "hide", "target": "` + kremlin + `"}`, http.StatusConflict, ""},
	} {
		t.Run(e.name, func(t *testing.T) {
			wantProblem(t, c.postJSON("/api/v1/corrections", e.body), e.status, e.param)
		})
	}
	plain := httptest.NewRequest(http.MethodPost, "/api/v1/corrections", strings.NewReader(`{"kind": "hide", "target": "`+budanov+`"}`))
	plain.Header.Set("Content-Type", "text/plain")
	wantProblem(t, c.do(plain), http.StatusUnsupportedMediaType, "")

	rec = c.get("/api/v1/corrections?page_size=3")
	wantStatus(t, rec, http.StatusOK)
	page := decode[graph.CorrectionPage](t, rec)
	if len(page.Corrections) != 3 || page.Corrections[2].ID != hide.ID || page.NextPageToken == "" {
		t.Errorf("first page of corrections, newest first: %+v", page)
	}
	rec = c.get("/api/v1/corrections?order=oldest&page_size=1")
	wantStatus(t, rec, http.StatusOK)
	if page := decode[graph.CorrectionPage](t, rec); len(page.Corrections) != 1 || page.Corrections[0].ID != merge.ID {
		t.Errorf("oldest first: %+v", page)
	}
	wantProblem(t, c.get("/api/v1/corrections?order=sideways"), http.StatusBadRequest, "order")

	// Undo: the merged entity answers again.
	wantStatus(t, c.del("/api/v1/corrections/"+merge.ID), http.StatusOK)
	wantStatus(t, c.get("/api/v1/entities/"+mainIntel), http.StatusOK)
	wantProblem(t, c.del("/api/v1/corrections/"+merge.ID), http.StatusNotFound, "")
}

func TestCorrectionsNeedTheAPIKey(t *testing.T) {
	store := openSQLiteStore(t)
	seedFixture(t).load(t, store)
	c := newClient(t, Config{Store: store, APIKey: "s3cret-key", APIKeyName: "desk"})
	body := `{"kind": "rename", "target": "` + budanov + `", "after": {"name": "Kyrylo O. Budanov"}}`
	req := func(key string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/corrections", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if key != "" {
			r.Header.Set("Authorization", "Bearer "+key)
		}
		return c.do(r)
	}
	wantProblem(t, req(""), http.StatusUnauthorized, "")
	wantProblem(t, req("wrong"), http.StatusUnauthorized, "")
	rec := req("s3cret-key")
	wantStatus(t, rec, http.StatusCreated)
	got := decode[graph.Correction](t, rec)
	if got.Author != "desk" {
		t.Errorf("author %q, want the key's name", got.Author)
	}
	wantProblem(t, c.del("/api/v1/corrections/"+got.ID), http.StatusUnauthorized, "")
	wantStatus(t, c.del("/api/v1/corrections/"+got.ID, "Authorization", "Bearer s3cret-key"), http.StatusOK)
}
