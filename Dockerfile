# entitygraph as a static binary in a minimal image, run as a non-root
# user. Built by docker-compose.yml; on its own:
#   docker build -t entitygraph . && docker run -p 8080:8080 entitygraph serve --demo
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off: the SQLite driver is pure Go, and a static binary needs no libc
# in the final image. ui/dist is committed and embedded by go:embed.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/entitygraph ./cmd/entitygraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/entitygraph /usr/local/bin/entitygraph
# The embedded SQLite default (when ENTITYGRAPH_STORE is not set) writes
# its file in the working directory, which the nonroot user owns.
WORKDIR /home/nonroot
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/entitygraph"]
CMD ["serve", "--addr", ":8080", "--demo"]
