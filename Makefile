# The two commands of the README:
#   go run ./cmd/entitygraph serve --demo     the explorer on the embedded store
#   make test                                 every test: Go (SQLite and Neo4j), UI build, browser
.PHONY: test build ui run clean

test:
	bash scripts/test

build:
	go build -o bin/entitygraph ./cmd/entitygraph

ui:
	cd ui && npm ci --no-audit --no-fund && npm run build

run:
	go run ./cmd/entitygraph serve --demo

clean:
	rm -rf bin .cache
