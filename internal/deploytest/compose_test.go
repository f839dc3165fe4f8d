// Package deploytest checks the files that deploy entitygraph with Docker
// (docker-compose.yml, Dockerfile, .env.example). Docker is not available
// where the project is built and tested, so these tests read the files and
// check what a user running `docker compose up` depends on: the services,
// the health check, the volume, and that the environment the compose file
// gives the binary is the one the binary reads.
package deploytest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// compose is the part of the Compose file format these tests read.
type compose struct {
	Services map[string]service `yaml:"services"`
	Volumes  map[string]any     `yaml:"volumes"`
}

type service struct {
	Image       string            `yaml:"image"`
	Build       build             `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Ports       []string          `yaml:"ports"`
	Healthcheck *struct {
		Test     []string `yaml:"test"`
		Interval string   `yaml:"interval"`
		Retries  int      `yaml:"retries"`
	} `yaml:"healthcheck"`
	DependsOn map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
}

type build struct {
	Context    string `yaml:"context"`
	Dockerfile string `yaml:"dockerfile"`
}

// root is the repository root, two levels above this package.
const root = "../.."

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func loadCompose(t *testing.T) compose {
	t.Helper()
	var c compose
	if err := yaml.Unmarshal([]byte(readFile(t, "docker-compose.yml")), &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return c
}

func TestComposeNeo4j(t *testing.T) {
	c := loadCompose(t)
	neo, ok := c.Services["neo4j"]
	if !ok {
		t.Fatal("no neo4j service")
	}
	if neo.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image %q, want neo4j:5.26-community", neo.Image)
	}
	hc := neo.Healthcheck
	if hc == nil || len(hc.Test) < 2 || hc.Test[0] != "CMD-SHELL" || !strings.Contains(hc.Test[1], "cypher-shell") {
		t.Errorf("neo4j health check %+v: want a CMD-SHELL test that runs a query with cypher-shell", hc)
	} else if hc.Retries < 1 || hc.Interval == "" {
		t.Errorf("neo4j health check has interval %q and %d retries", hc.Interval, hc.Retries)
	}
	var dataVolume string
	for _, v := range neo.Volumes {
		if name, path, _ := strings.Cut(v, ":"); path == "/data" {
			dataVolume = name
		}
	}
	if _, declared := c.Volumes[dataVolume]; dataVolume == "" || !declared {
		t.Errorf("neo4j volumes %q: want a named volume, declared under volumes:, mounted at /data", neo.Volumes)
	}
	if !strings.HasPrefix(neo.Environment["NEO4J_AUTH"], "neo4j/${NEO4J_PASSWORD") {
		t.Errorf("NEO4J_AUTH is %q, want neo4j/ and the password from .env", neo.Environment["NEO4J_AUTH"])
	}
}

func TestComposeEntitygraph(t *testing.T) {
	c := loadCompose(t)
	eg, ok := c.Services["entitygraph"]
	if !ok {
		t.Fatal("no entitygraph service")
	}
	if eg.Build.Context != "." || eg.Build.Dockerfile != "Dockerfile" {
		t.Errorf("entitygraph build %+v, want the Dockerfile at the top level", eg.Build)
	}
	if got := eg.DependsOn["neo4j"].Condition; got != "service_healthy" {
		t.Errorf("entitygraph waits for neo4j with condition %q, want service_healthy", got)
	}
	if want := []string{"serve", "--addr", ":8080", "--demo"}; !slices.Equal(eg.Command, want) {
		t.Errorf("entitygraph command %q, want %q", eg.Command, want)
	}
	if !slices.ContainsFunc(eg.Ports, func(p string) bool { return strings.HasSuffix(p, ":8080") }) {
		t.Errorf("entitygraph ports %q do not publish the UI port 8080", eg.Ports)
	}
	// The container listens on every address, so writes need a key; it
	// must come from .env, which compose refuses to start without.
	if got := eg.Environment["ENTITYGRAPH_API_KEY"]; !strings.HasPrefix(got, "${ENTITYGRAPH_API_KEY:?") {
		t.Errorf("ENTITYGRAPH_API_KEY is %q, want it required from .env", got)
	}
	if got := eg.Environment["ENTITYGRAPH_STORE"]; got != "bolt://neo4j:7687" {
		t.Errorf("ENTITYGRAPH_STORE is %q, want bolt://neo4j:7687 (the neo4j service)", got)
	}

	// The binary must read every variable the file sets for it, or a
	// setting would silently do nothing.
	read := envNamesRead(t, filepath.Join(root, "cmd", "entitygraph"))
	var names []string
	for name := range eg.Environment {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := []string{"ENTITYGRAPH_API_KEY", "ENTITYGRAPH_STORE", "NEO4J_DATABASE", "NEO4J_PASSWORD", "NEO4J_USERNAME"}; !slices.Equal(names, want) {
		t.Errorf("entitygraph environment %q, want %q", names, want)
	}
	for _, name := range names {
		if !read[name] {
			t.Errorf("entitygraph environment sets %s, which cmd/entitygraph never reads", name)
		}
	}
}

// envNamesRead returns the string literals that look like environment
// variable names in the Go files of dir: what the binary can read.
func envNamesRead(t *testing.T, dir string) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	envName := regexp.MustCompile(`^[A-Z][A-Z0-9_]+$`)
	names := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && envName.MatchString(s) {
					names[s] = true
				}
			}
			return true
		})
	}
	return names
}

// TestEnvExample: every variable the compose file takes from .env is
// documented in .env.example, and the example sets nothing the compose
// file ignores.
func TestEnvExample(t *testing.T) {
	used := map[string]bool{}
	// $${...} is Compose's escape for a variable of the container's shell.
	for _, m := range regexp.MustCompile(`(?:^|[^$])\$\{([A-Z0-9_]+)`).FindAllStringSubmatch(readFile(t, "docker-compose.yml"), -1) {
		used[m[1]] = true
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(readFile(t, ".env.example"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || value == "" {
			t.Errorf(".env.example: %q is not NAME=VALUE", line)
		}
		documented[name] = true
	}
	for name := range used {
		if !documented[name] {
			t.Errorf("docker-compose.yml uses ${%s}, which .env.example does not document", name)
		}
	}
	for name := range documented {
		if !used[name] {
			t.Errorf(".env.example sets %s, which docker-compose.yml does not use", name)
		}
	}
	if pw := regexp.MustCompile(`(?m)^NEO4J_PASSWORD=(.*)$`).FindStringSubmatch(readFile(t, ".env.example")); pw == nil || len(pw[1]) < 8 {
		t.Errorf(".env.example: NEO4J_PASSWORD must be set, 8 characters or more (Neo4j refuses shorter ones)")
	}
}

func TestDockerfile(t *testing.T) {
	df := readFile(t, "Dockerfile")
	var froms, users []string
	for _, line := range strings.Split(df, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			froms = append(froms, fields[1])
		case "USER":
			users = append(users, fields[1])
		}
	}
	if len(froms) < 2 {
		t.Errorf("Dockerfile has %d stages, want a build stage and a runtime stage", len(froms))
	}
	if len(users) == 0 {
		t.Error("Dockerfile sets no USER: the container would run as root")
	} else if u := strings.Split(users[len(users)-1], ":")[0]; u == "root" || u == "0" {
		t.Errorf("Dockerfile runs as %s", users[len(users)-1])
	}
	for _, want := range []string{"CGO_ENABLED=0", "./cmd/entitygraph", "EXPOSE 8080"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
