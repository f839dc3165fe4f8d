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
import { FADED, HIGHLIGHT, KIND_STYLE, REL_STYLE, nodeSize } from "./theme.js";

// How many statement ids an edge keeps (the API sends at most a few).
export const STATEMENT_SAMPLE = 3;
// Above this many edges, edge labels cost more frame time than they give.
const EDGE_LABEL_LIMIT = 400;
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
    this.renderer = new Sigma(this.graph, container, {
      allowInvalidContainer: true,
      // Room for the labels, which sigma draws to the right of a node.
      stagePadding: 50,
      enableEdgeEvents: true,
      renderEdgeLabels: true,
      labelRenderedSizeThreshold: 0,
      labelSize: 12,
      labelFont: "system-ui, sans-serif",
      edgeLabelSize: 10,
      edgeLabelFont: "system-ui, sans-serif",
      edgeLabelColor: { attribute: "color" },
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
    this.bindEvents();
  }

  reduceNode(id, attrs) {
    if (!this.visible(id, attrs)) return { ...attrs, hidden: true };
    const res = { ...attrs, size: attrs.size * this.sizeScale };
    if (this.highlight) {
      if (this.highlight.nodes.has(id)) {
        res.highlighted = true;
        res.zIndex = 2;
      } else {
        res.color = FADED;
        res.label = "";
        res.zIndex = 0;
      }
    }
    if (this.selected?.type === "node" && this.selected.id === id) {
      res.highlighted = true;
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
    if (this.graph.size > EDGE_LABEL_LIMIT) res.label = "";
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
    r.on("enterNode", () => (r.getContainer().style.cursor = "pointer"));
    r.on("leaveNode", () => (r.getContainer().style.cursor = ""));
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
    for (const id of g.edges()) if (!edges.has(id)) g.dropEdge(id);
    for (const id of g.nodes()) if (!nodes.has(id)) g.dropNode(id);
    const empty = g.order === 0;
    let added = 0;
    for (const n of nodes.values()) {
      const style = KIND_STYLE[n.kind] ?? KIND_STYLE.statement;
      const label = n.omitted ? `${n.name} (+${n.omitted} more)` : n.name;
      const attrs = {
        label,
        name: n.name,
        kind: n.kind,
        mentions: n.mentions || 0,
        date: n.date || "",
        omitted: n.omitted || 0,
        color: style.color,
        type: style.shape,
        size: nodeSize(n.kind, n.mentions),
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
        type: style.program,
        // A wedge is drawn thinner than a line of the same size.
        size: Math.min(6, 1.5 + Math.log2(1 + count)) * (style.program === "wedge" ? 2.5 : 1),
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
      // No positions to keep: start from a circle (or, for big graphs, a
      // random cloud, which ForceAtlas2 untangles faster).
      const pos = initial === "random" || g.order > 300 ? random(g, { scale: 1000, center: 0 }) : circular(g, { scale: 100 });
      for (const [id, p] of Object.entries(pos)) g.mergeNodeAttributes(id, p);
      if (root && g.hasNode(root)) g.mergeNodeAttributes(root, { x: 0, y: 0 });
    }
    this.sizeScale = Math.min(1, (100 / g.order) ** 0.35);
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

  fit() {
    this.renderer.setCustomBBox(null);
    this.renderer.getCamera().animatedReset({ duration: 300 });
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
