package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// affiliation is a person's stated role in an organization.
type affiliation struct {
	person, org int // entity indexes
	role        string
}

// affiliations finds the roles the text gives persons:
// "the head of the Defense Intelligence Directorate ..., Kyrylo Budanov",
// "Andrii Yusov, a representative of the Main Intelligence Directorate",
// and "Defense Intelligence chief Kyrylo Budanov". The role is the role
// noun and "of" ("head of").
func (d *document) affiliations() []affiliation {
	var out []affiliation
	add := func(p, o int, role string) {
		if p >= 0 && o >= 0 && d.ents[p].kind == graph.KindPerson && d.ents[o].kind == graph.KindOrganization {
			out = append(out, affiliation{person: p, org: o, role: role + " of"})
		}
	}
	for _, s := range d.sents {
		for k := s.t0; k < s.t1; k++ {
			m := d.outer[k]
			if m < 0 || d.ms[m].t0 != k {
				continue
			}
			switch d.ms[m].kind {
			case graph.KindOrganization:
				// "<role> of (the) ORG ..., PERSON"
				if role, ok := d.roleBefore(k, s); ok {
					end := d.chainEnd(m, s)
					if end+1 < s.t1 && d.toks[end].text == "," {
						if p := d.mentionAt(end + 1); p >= 0 {
							add(d.ms[p].ent, d.ms[m].ent, role)
						}
					}
				}
				// "ORG <role> PERSON"
				if n := d.roleAt(d.ms[m].t1, s.t1); n > 0 && !isCap(d.toks[d.ms[m].t1].text) {
					if p := d.mentionAt(d.ms[m].t1 + n); p >= 0 {
						add(d.ms[p].ent, d.ms[m].ent, d.role(d.ms[m].t1, n))
					}
				}
			case graph.KindPerson:
				// "PERSON, (a|the) <role> of (the) ORG"
				j := d.ms[m].t1
				if j+1 >= s.t1 || d.toks[j].text != "," {
					continue
				}
				j++
				if w := d.toks[j].lower; w == "a" || w == "an" || w == "the" {
					j++
				}
				if n := d.roleAt(j, s.t1); n > 0 {
					if o := d.orgAfterOf(j+n, s); o >= 0 {
						add(d.ms[m].ent, d.ms[o].ent, d.role(j, n))
					}
				}
			}
		}
	}
	return out
}

// role returns the role phrase of tokens [k, k+n), lower case.
func (d *document) role(k, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = d.toks[k+i].lower
	}
	return strings.Join(words, " ")
}

// roleBefore returns the role phrase that ends just before "of (the)" in
// front of token k ("head" in "the head of the Directorate").
func (d *document) roleBefore(k int, s sentence) (string, bool) {
	j := k - 1
	if j >= s.t0 && d.toks[j].lower == "the" {
		j--
	}
	if j < s.t0 || (d.toks[j].lower != "of" && d.toks[j].lower != "for") {
		return "", false
	}
	for n := min(d.t.roleMaxWords, j-s.t0); n >= 1; n-- {
		if d.roleAt(j-n, j) == n {
			return d.role(j-n, n), true
		}
	}
	return "", false
}

// orgAfterOf returns the organization mention after "of (the)" or "for
// (the)" at token j, or -1.
func (d *document) orgAfterOf(j int, s sentence) int {
	if j >= s.t1 || (d.toks[j].lower != "of" && d.toks[j].lower != "for") {
		return -1
	}
	j++
	if j < s.t1 && d.toks[j].lower == "the" {
		j++
	}
	if o := d.mentionAt(j); o >= 0 && d.ms[o].kind == graph.KindOrganization {
		return o
	}
	return -1
}

// chainEnd returns the token after an organization mention and any "of
// (the) X" that continues its name.
func (d *document) chainEnd(m int, s sentence) int {
	end := d.ms[m].t1
	for end+1 < s.t1 && d.toks[end].lower == "of" {
		j := end + 1
		if d.toks[j].lower == "the" {
			j++
		}
		n := d.mentionAt(j)
		if n < 0 {
			break
		}
		end = d.ms[n].t1
	}
	return end
}

// relations returns the AFFILIATED_WITH, PART_OF and BASED_IN relations the
// text states, without duplicates, ordered by type, source and target.
func (d *document) relations(docID string) []graph.Relation {
	seen := map[graph.Relation]bool{}
	var out []graph.Relation
	add := func(typ graph.RelType, src, dst int, role string) {
		if src < 0 || dst < 0 || src == dst {
			return
		}
		r := graph.Relation{Type: typ, Source: d.ents[src].id, Target: d.ents[dst].id, Role: role, DocumentID: docID}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, af := range d.affs {
		add(graph.RelAffiliatedWith, af.person, af.org, af.role)
	}
	countries := map[string]int{}
	for e, ent := range d.ents {
		if ent.kind == graph.KindCountry {
			countries[ent.name] = e
		}
	}
	for _, m := range d.ms {
		if m.ent < 0 || m.kind != graph.KindOrganization {
			continue
		}
		if m.parent >= 0 && d.ms[m.parent].kind == graph.KindOrganization {
			add(graph.RelPartOf, m.ent, d.ms[m.parent].ent, "")
		}
		if c, ok := countries[m.country]; ok {
			add(graph.RelBasedIn, m.ent, c, "")
		}
	}
	slices.SortFunc(out, func(x, y graph.Relation) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Target, y.Target), cmp.Compare(x.Role, y.Role))
	})
	return out
}
