import { defineConfig } from "vite";

// The build is committed (ui/dist) and embedded in the Go binary, so its file
// names must not change from build to build: no content hashes. The server
// sends assets with Cache-Control: no-cache, so stable names cost no
// staleness.
export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One small app: a single JS file and a single CSS file are simplest to
    // embed and to check for drift.
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        entryFileNames: "assets/app.js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
  // The layout worker is its own file, named like the rest.
  worker: {
    format: "es",
    rollupOptions: { output: { entryFileNames: "assets/[name].js" } },
  },
  server: {
    // `npm run dev` talks to a running `entitygraph serve` (default :8080).
    proxy: { "/api": process.env.ENTITYGRAPH_API || "http://127.0.0.1:8080" },
  },
});
