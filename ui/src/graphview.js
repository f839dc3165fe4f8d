// The graph on screen: a graphology graph drawn by sigma, laid out by
// ForceAtlas2 in a web worker. GraphView knows nothing of the API; it is
// given the union of the subgraphs the page fetched and keeps the drawing in
// step with it, keeping the positions of nodes that stay.
import Graph from "graphology";
import Sigma from "sigma";
import {
  EdgeArrowProgram,
  EdgeRectangleProgram,
  EdgeTriangleProgram,
  NodeCircleProgram,
} from "sigma/rendering";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2_DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import { assignLayoutChanges, graphToByteArrays } from "graphology-layout-forceatlas2/helpers.js";
import { circular, random } from "graphology-layout";
import { DiamondProgram, SquareProgram, TriangleProgram } from "./programs.js";
import { createLabelDrawers } from "./labels.js";
import { FADED, HIGHLIGHT, KIND_STYLE, REL_STYLE, lighten, nodeSize } from "./theme.js";

// How many statement ids an edge keeps (the API sends at most a few).
export const STATEMENT_SAMPLE = 3;
// Above this many edges, only the edges of the hovered or selected node
// (and the selected edge) are labelled: "stated" on every one of a hundred
// edges hides the nodes, and their width already tells their weight.
const EDGE_LABEL_LIMIT = 40;
// Up to this many nodes every label is drawn; above, labels.js takes the
// labels that matter whatever their size (the opened entity, the
// selection, a path and the hovered node's neighbors), then the biggest
// nodes' labels that overlap none already taken, as the zoom leaves room.
const ALL_LABELS = 20;
// Above this many nodes, edges are drawn lighter, so that where they cross
// the nodes and labels still show, and a label waits until its node is
// drawn at least as big as one of 5 mentions (by mentions, or by zooming
// in).
const BIG_GRAPH = 300;
// The layout counts as settled once it ran this many iterations and nodes
// moved less than SETTLED (a share of the drawing's size) in one slice of
// iterations.
const MIN_ITERATIONS = 100;
const SETTLED = 0.0005;

export class GraphView {
  // handlers: onNodeClick(id), onEdgeClick(id), onNodeContext(id), onChange()
  constructor(container, handlers) {
    this.graph = new Graph({ multi: true, type: "directed" });
    this.handlers = handlers;
    this.visible = () => true; // node filter set by setFilter
    this.visibleEdge = () => true;
    this.highlight = null; // {nodes:Set, edges:Set} of a found path
    this.selected = null; // {type:"node"|"edge", id}
    this.layout = null;
    // Nodes shrink as the graph grows, or a few thousand would cover it.
    this.sizeScale = 1;
    this.lightEdges = false; // see setData
    this.hovered = null; // {id, near: Set of it and its neighbors}
    this.root = "";
    const labels = createLabelDrawers(
      () => this.renderer.getDimensions(),
      () => this.labelCandidates(),
    );
    this.labels = labels;
    this.container = container;
    this.sigma = null;
  }

  // renderer is sigma, created when first asked for: the research views
  // (views.js) show no graph, and a page that opens on one of them does
  // not pay for WebGL and its shaders.
  get renderer() {
    if (!this.sigma) this.createRenderer();
    return this.sigma;
  }

  createRenderer() {
    const labels = this.labels;
    this.sigma = new Sigma(this.graph, this.container, {
      allowInvalidContainer: true,
      // Room around the drawing for the nodes' own size; labels.js keeps
      // the labels inside.
      stagePadding: 40,
      enableEdgeEvents: true,
      renderEdgeLabels: true,
      labelRenderedSizeThreshold: 0,
      // sigma's label grid would keep one label a cell in its own order;
      // labels.js chooses instead, from every node on screen.
      labelDensity: 1e6,
      labelSize: 12,
      labelFont: "system-ui, sans-serif",
      defaultDrawNodeLabel: labels.drawLabel,
      defaultDrawNodeHover: labels.drawHover,
      edgeLabelSize: 10,
      edgeLabelFont: "system-ui, sans-serif",
      edgeLabelColor: { attribute: "labelColor", color: "#334155" },
      zIndex: true,
      defaultNodeType: "circle",
      defaultEdgeType: "line",
      nodeProgramClasses: {
        circle: NodeCircleProgram,
        square: SquareProgram,
        diamond: DiamondProgram,
        triangle: TriangleProgram,
      },
      edgeProgramClasses: {
        arrow: EdgeArrowProgram,
        wedge: EdgeTriangleProgram,
        line: EdgeRectangleProgram,
      },
      nodeReducer: (id, attrs) => this.reduceNode(id, attrs),
      edgeReducer: (id, attrs) => this.reduceEdge(id, attrs),
    });
    this.renderer.on("beforeRender", labels.startFrame);
    this.bindEvents();
  }

  // labelCandidates returns the display data, in viewport pixels, of the
  // nodes on screen whose label may be drawn (forced, or drawn big enough),
  // forced ones first, then by drawn size, biggest first: what labels.js
  // chooses from.
  labelCandidates() {
    const r = this.renderer;
    const { width, height } = r.getDimensions();
    const threshold = r.getSetting("labelRenderedSizeThreshold");
    const out = [];
    this.graph.forEachNode((id) => {
      const d = r.getNodeDisplayData(id);
      if (!d || d.hidden || !d.label) return;
      const size = r.scaleSize(d.size);
      if (!d.forceLabel && size < threshold) return;
      const p = r.framedGraphToViewport(d);
      if (p.x < -size || p.y < -size || p.x > width + size || p.y > height + size) return;
      out.push({ key: id, label: d.label, size, x: p.x, y: p.y, forced: !!d.forceLabel });
    });
    return out.sort((a, b) => b.forced - a.forced || b.size - a.size);
  }

  reduceNode(id, attrs) {
    if (!this.visible(id, attrs)) return { ...attrs, hidden: true };
    const res = { ...attrs, size: attrs.size * this.sizeScale };
    if (this.graph.order <= ALL_LABELS || id === this.root) res.forceLabel = true;
    if (this.hovered) {
      if (this.hovered.near.has(id)) {
        res.forceLabel = true;
        res.zIndex = 2;
      } else {
        res.color = FADED;
        res.label = "";
        res.zIndex = 0;
      }
    }
    if (this.highlight) {
      if (this.highlight.nodes.has(id)) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      } else {
        res.color = FADED;
        res.label = "";
        res.zIndex = 0;
      }
    }
    if (this.selected?.type === "node" && this.selected.id === id) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 3;
    }
    return res;
  }

  reduceEdge(id, attrs) {
    const [s, t] = this.graph.extremities(id);
    if (
      !this.visibleEdge(id, attrs) ||
      !this.visible(s, this.graph.getNodeAttributes(s)) ||
      !this.visible(t, this.graph.getNodeAttributes(t))
    ) {
      return { ...attrs, hidden: true };
    }
    const res = { ...attrs, size: attrs.size * Math.max(0.5, this.sizeScale) };
    if (this.lightEdges) res.color = attrs.lightColor;
    if (this.graph.size > EDGE_LABEL_LIMIT && !this.edgeInFocus(id, s, t)) res.label = "";
    if (this.hovered) {
      if (this.hovered.near.has(s) && this.hovered.near.has(t) && (s === this.hovered.id || t === this.hovered.id)) {
        res.zIndex = 1;
      } else {
        res.color = FADED;
        res.label = "";
      }
    }
    if (this.highlight) {
      if (this.highlight.edges.has(id)) {
        res.color = HIGHLIGHT;
        res.size = attrs.size + 2;
        res.zIndex = 2;
      } else {
        res.color = FADED;
        res.label = "";
      }
    }
    if (this.selected?.type === "edge" && this.selected.id === id) {
      res.color = HIGHLIGHT;
      res.size = attrs.size + 2;
      res.zIndex = 3;
    }
    return res;
  }

  // edgeInFocus reports whether edge id (from s to t) touches the hovered
  // node or the selected node, or is the selected edge.
  edgeInFocus(id, s, t) {
    const h = this.hovered?.id;
    const sel = this.selected;
    return h === s || h === t || (sel?.type === "node" ? sel.id === s || sel.id === t : sel?.id === id);
  }

  bindEvents() {
    const r = this.renderer;
    let dragged = null;
    let moved = false;
    r.on("downNode", ({ node }) => {
      dragged = node;
      moved = false;
    });
    r.on("moveBody", ({ event }) => {
      if (!dragged) return;
      if (!moved) {
        // Freeze the frame while dragging, or sigma would rescale the
        // whole graph under the pointer as the node moves out of bounds.
        moved = true;
        this.stopLayout();
        r.setCustomBBox(r.getBBox());
      }
      const pos = r.viewportToGraph(event);
      this.graph.mergeNodeAttributes(dragged, { x: pos.x, y: pos.y });
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    const up = () => {
      dragged = null;
    };
    r.on("upNode", up);
    r.on("upStage", up);
    r.on("clickNode", ({ node }) => {
      if (moved) {
        moved = false;
        return;
      }
      this.handlers.onNodeClick(node);
    });
    r.on("clickEdge", ({ edge }) => this.handlers.onEdgeClick(edge));
    r.on("rightClickNode", ({ node, event }) => {
      event.original.preventDefault();
      event.preventSigmaDefault();
      this.handlers.onNodeContext(node);
    });
    r.on("enterNode", ({ node }) => {
      r.getContainer().style.cursor = "pointer";
      this.setHovered(node);
    });
    r.on("leaveNode", () => {
      r.getContainer().style.cursor = "";
      this.setHovered(null);
    });
    r.on("enterEdge", () => (r.getContainer().style.cursor = "pointer"));
    r.on("leaveEdge", () => (r.getContainer().style.cursor = ""));
  }

  // setFilter decides which nodes and edges are drawn, without touching the
  // graph (so filtering keeps positions and is instant).
  setFilter(nodeFn, edgeFn) {
    this.visible = nodeFn;
    this.visibleEdge = edgeFn;
    this.refresh();
  }

  // setHovered fades everything but node id and its neighbors (null:
  // nothing), without touching the list view or the layout. Only the
  // drawing data is redone, not sigma's whole indexation (positions have not
  // moved), which is what keeps a hover quick at thousands of nodes.
  setHovered(id) {
    this.hovered = id && this.graph.hasNode(id) ? { id, near: new Set([id, ...this.graph.neighbors(id)]) } : null;
    this.renderer.refresh({ partialGraph: { nodes: this.graph.nodes(), edges: this.graph.edges() }, skipIndexation: true });
  }

  setHighlight(h) {
    this.highlight = h;
    this.refresh();
  }

  select(sel) {
    this.selected = sel;
    this.refresh();
  }

  refresh() {
    this.renderer.refresh();
    this.handlers.onChange();
  }

  // setData makes the graph hold exactly these nodes and edges (Maps by id).
  // anchors maps a node id to the id of the node it was fetched around, so a
  // new node starts next to it, and root (if new) starts in the middle. It returns how many nodes were added; when
  // any were, the layout runs again.
  setData(nodes, edges, anchors, { root = "", initial = "circular" } = {}) {
    const g = this.graph;
    this.root = root;
    this.hovered = null;
    for (const id of g.edges()) if (!edges.has(id)) g.dropEdge(id);
    for (const id of g.nodes()) if (!nodes.has(id)) g.dropNode(id);
    const empty = g.order === 0;
    let added = 0;
    for (const n of nodes.values()) {
      const style = KIND_STYLE[n.kind] ?? KIND_STYLE.statement;
      const name = n.kind === "claim" ? `${n.name} (${n.reports} reports)` : n.name;
      const label = n.omitted ? `${name} (+${n.omitted} more)` : name;
      const attrs = {
        label,
        name: n.name,
        kind: n.kind,
        mentions: n.mentions || 0,
        date: n.date || "",
        reports: n.reports || 0,
        omitted: n.omitted || 0,
        color: style.color,
        type: style.shape,
        size: nodeSize(n.kind, n.kind === "claim" ? n.reports : n.mentions),
      };
      if (g.hasNode(n.id)) {
        g.mergeNodeAttributes(n.id, attrs);
      } else {
        g.addNode(n.id, { ...attrs, ...this.startPosition(n.id, anchors) });
        added++;
      }
    }
    for (const e of edges.values()) {
      if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      const style = REL_STYLE[e.type] ?? REL_STYLE.PART_OF;
      // The API's count; an older server sent every statement id instead.
      const count = e.count || e.statements?.length || 0;
      const attrs = {
        relType: e.type,
        label: style.label + (count > 1 ? ` ×${count}` : "") + (e.role ? ` (${e.role})` : ""),
        color: style.color,
        lightColor: lighten(style.color, 0.6),
        labelColor: style.labelColor ?? style.color,
        type: style.program,
        // A wedge's size is its base, which tapers to nothing: wider than a
        // line's for the same weight.
        size: Math.min(6, 1.5 + Math.log2(1 + count)) * (style.program === "wedge" ? 1.6 : 1),
        count,
        first: e.first || "",
        last: e.last || "",
        // The evidence is paged from the API; only a few ids are kept, for
        // the exports.
        sample: (e.statements || []).slice(0, STATEMENT_SAMPLE),
        role: e.role || "",
      };
      // An edge kept across a new date range has other statements.
      if (g.hasEdge(e.id)) g.mergeEdgeAttributes(e.id, attrs);
      else g.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
    }
    if (empty && g.order > 0) {
      // No positions to keep. Around an entity, start from rings (each
      // node near the one it was reached through, so ForceAtlas2 only
      // refines groups that are already apart); else from a circle, or for
      // big graphs a random cloud, which ForceAtlas2 untangles faster.
      let pos;
      if (root && g.hasNode(root)) pos = radialPositions(g, root, 100);
      else pos = initial === "random" || g.order > 300 ? random(g, { scale: 1000, center: 0 }) : circular(g, { scale: 100 });
      for (const [id, p] of Object.entries(pos)) g.mergeNodeAttributes(id, p);
    }
    this.sizeScale = Math.min(1, (100 / g.order) ** 0.35);
    const big = g.order > BIG_GRAPH;
    this.lightEdges = big;
    this.renderer.setSetting("labelRenderedSizeThreshold", big ? nodeSize("person", 5) * this.sizeScale : 0);
    this.refresh();
    if (added > 0) this.startLayout();
    return added;
  }

  startPosition(id, anchors) {
    const g = this.graph;
    const anchor = anchors.get(id);
    const angle = Math.random() * 2 * Math.PI;
    if (anchor && g.hasNode(anchor)) {
      const a = g.getNodeAttributes(anchor);
      const r = 10 + Math.random() * 20;
      return { x: a.x + r * Math.cos(angle), y: a.y + r * Math.sin(angle) };
    }
    return { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle) };
  }

  // startLayout runs ForceAtlas2 in a worker (layout-worker.js) until the
  // nodes barely move or a time budget (longer for bigger graphs) runs out;
  // onLayoutDone fires then. The graph stays interactive meanwhile.
  startLayout() {
    this.stopLayout();
    const g = this.graph;
    if (g.order < 2) return this.layoutDone();
    this.renderer.setCustomBBox(null);
    // inferSettings picks gravity and scaling by graph size; Barnes-Hut
    // pays off from about a thousand nodes (measured: 2,000 nodes take
    // ~50 ms an iteration without it), not only from the 2,000 it assumes.
    const settings = { ...FA2_DEFAULTS, ...forceAtlas2.inferSettings(g), barnesHutOptimize: g.order > 1000 };
    // Bigger graphs draw less often: every frame of thousands of nodes takes
    // CPU from the worker where WebGL is software-rendered.
    const sliceMs = Math.min(250, Math.max(30, g.order / 10));
    const matrices = graphToByteArrays(g, () => 1);
    const worker = new Worker(new URL("./layout-worker.js", import.meta.url), { type: "module" });
    const started = performance.now();
    const budget = Math.min(8000, 1500 + g.order * 1.5);
    let iterations = 0;
    let last = this.snapshot();
    this.layout = worker;
    const ask = (withEdges) => {
      const msg = { settings, sliceMs, nodes: matrices.nodes.buffer };
      const transfer = [matrices.nodes.buffer];
      if (withEdges) {
        msg.edges = matrices.edges.buffer;
        transfer.push(matrices.edges.buffer);
      }
      worker.postMessage(msg, transfer);
    };
    worker.onmessage = (ev) => {
      if (this.layout !== worker) return;
      matrices.nodes = new Float32Array(ev.data.nodes);
      assignLayoutChanges(g, matrices.nodes, null);
      iterations += ev.data.iterations;
      this.lastLayoutIterations = iterations;
      const now = this.snapshot();
      const settled = iterations >= MIN_ITERATIONS && movement(last, now) < SETTLED;
      last = now;
      if (settled || performance.now() - started > budget) {
        this.stopLayout();
        this.layoutDone();
      } else {
        ask(false);
      }
    };
    ask(true);
  }

  stopLayout() {
    if (this.layout) {
      this.layout.terminate();
      this.layout = null;
    }
  }

  layoutDone() {
    this.handlers.onLayoutDone?.();
  }

  isLayoutRunning() {
    return this.layout !== null;
  }

  snapshot() {
    const xs = new Float64Array(this.graph.order * 2);
    let i = 0;
    this.graph.forEachNode((_, a) => {
      xs[i++] = a.x;
      xs[i++] = a.y;
    });
    return xs;
  }

  // fit shows every node: it drops the frame a drag froze (sigma only
  // recomputes the frame on a refresh) and resets the camera.
  fit() {
    this.renderer.setCustomBBox(null);
    this.renderer.refresh();
    this.renderer.getCamera().animatedReset({ duration: 300 });
  }

  // labelBoxes returns the node labels drawn in the last frame as
  // {id, label, x, y, width, height} in canvas pixels: for the tests and
  // the benchmark, which check that every label is inside the canvas and
  // count overlaps.
  labelBoxes() {
    return this.labels.drawn();
  }

  // Nodes and edges drawn now (filters applied), for the list view and
  // the exports.
  visibleNodes() {
    return this.graph.filterNodes((id, a) => this.visible(id, a));
  }

  visibleEdges() {
    return this.graph.filterEdges((id, a, s, t) => {
      return this.visibleEdge(id, a) && this.visible(s, this.graph.getNodeAttributes(s)) && this.visible(t, this.graph.getNodeAttributes(t));
    });
  }

  // toPNG draws every sigma layer, bottom to top, on one white canvas and
  // returns it as a PNG blob. Rendering right before copying matters: WebGL
  // layers keep their pixels only until the frame is shown.
  toPNG() {
    const r = this.renderer;
    const { width, height } = r.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = Math.round(width * ratio);
    out.height = Math.round(height * ratio);
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    r.refresh();
    for (const layer of r.getContainer().querySelectorAll("canvas")) {
      ctx.drawImage(layer, 0, 0, out.width, out.height);
    }
    return new Promise((resolve) => out.toBlob(resolve, "image/png"));
  }
}

// radialPositions places root at the center, the nodes one step away on a
// circle of radius r, and each node further out (found breadth-first) in
// its parent's share of the next ring, shares sized by how many nodes lie
// beyond each; a node's ring distance varies a little so a crowded share
// is a band and not a line. Nodes not connected to root go on an outer
// ring. It returns {id: {x, y}} for every node of g.
export function radialPositions(g, root, r) {
  const parent = new Map([[root, null]]);
  const children = new Map([[root, []]]);
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    const id = order[i];
    g.forEachNeighbor(id, (nb) => {
      if (parent.has(nb)) return;
      parent.set(nb, id);
      children.set(nb, []);
      children.get(id).push(nb);
      order.push(nb);
    });
  }
  const weight = new Map();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    weight.set(id, 1 + children.get(id).reduce((sum, c) => sum + weight.get(c), 0));
  }
  const pos = { [root]: { x: 0, y: 0 } };
  const depth = new Map([[root, 0]]);
  // Each node's share of the circle, [from, to) in radians.
  const share = new Map([[root, [0, 2 * Math.PI]]]);
  // A fixed jitter per node keeps the result the same for the same graph.
  let seed = 1;
  const jitter = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  for (const id of order) {
    const [from, to] = share.get(id);
    const kids = children.get(id);
    const total = kids.reduce((sum, c) => sum + weight.get(c), 0);
    let at = from;
    for (const c of kids) {
      const span = ((to - from) * weight.get(c)) / total;
      share.set(c, [at, at + span]);
      const d = depth.get(id) + 1;
      depth.set(c, d);
      const angle = at + span / 2;
      const radius = r * d * (d === 1 ? 1 : 1 + 0.35 * jitter());
      pos[c] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      at += span;
    }
  }
  let outer = 0;
  const loose = g.order - order.length;
  const far = r * (Math.max(...depth.values()) + 1);
  g.forEachNode((id) => {
    if (pos[id]) return;
    const angle = (2 * Math.PI * outer++) / loose;
    pos[id] = { x: far * Math.cos(angle), y: far * Math.sin(angle) };
  });
  return pos;
}

// movement is the mean distance nodes moved between two snapshots, relative
// to the size of the drawing.
function movement(a, b) {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, sum = 0;
  for (let i = 0; i < b.length; i += 2) {
    minX = Math.min(minX, b[i]);
    maxX = Math.max(maxX, b[i]);
    minY = Math.min(minY, b[i + 1]);
    maxY = Math.max(maxY, b[i + 1]);
    sum += Math.hypot(b[i] - a[i], b[i + 1] - a[i + 1]);
  }
  const extent = Math.max(maxX - minX, maxY - minY, 1e-9);
  return sum / (b.length / 2) / extent;
}
