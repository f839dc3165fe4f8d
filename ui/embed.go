// Package ui embeds the built web app (ui/dist, made by `npm run build` and
// committed) so the entitygraph binary serves the explorer with no Node
// installed.
package ui

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Handler serves the app: the files of dist at their paths, and index.html
// for any other path, so deep links (/?entity=…, /anything) open the page
// and the page reads its state from the URL. Only GET and HEAD are served;
// other methods get 405. Assets have stable names (no content hashes), so
// every response says Cache-Control: no-cache and browsers revalidate.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "dist" is a constant.
		panic(err)
	}
	index, err := fs.ReadFile(root, "index.html")
	if err != nil {
		// The embed pattern requires dist to exist; a dist without
		// index.html is a broken build, which the tests catch.
		panic("ui: dist/index.html missing: run `npm run build` in ui/")
	}
	return &app{root: root, index: index, files: http.FileServerFS(root)}
}

// app is the Handler; HasFile tells the server which paths are files.
type app struct {
	root  fs.FS
	index []byte
	files http.Handler
}

// HasFile reports whether the URL path p names a file of the app.
func (a *app) HasFile(p string) bool {
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	st, err := fs.Stat(a.root, name)
	return name != "" && err == nil && !st.IsDir()
}

func (a *app) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	if name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/"); name != "index.html" && a.HasFile(r.URL.Path) {
		a.files.ServeHTTP(w, r)
		return
	}
	// Served directly rather than through the file server, which would
	// redirect /index.html to / and list directories.
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(a.index))
}
