// Node labels that stay inside the canvas and do not overlap. sigma draws a
// label to the right of its node, so a node near the right edge had its
// label cut ("Financial T…"), on screen and in the PNG export. Here a label
// that would cross the right edge goes to the left of its node, and one
// that fits on neither side, or would cross the top or bottom, is moved in;
// each is drawn over a white halo so edges crossing it do not hide it.
//
// Which labels are drawn is decided here too, as each frame starts: the
// candidates (every node on screen whose label sigma would draw) are taken
// forced ones first (the opened entity, the selection, a path, a hovered
// node's neighbors, or every node of a small graph), then the biggest; a
// label that would overlap one already taken is left out, unless it is
// forced, and at most one label is taken for each CELL × CELL pixels of
// canvas, so a big graph shows its main nodes and zooming in (which spreads
// the nodes) shows more.

// Space kept between a label and the canvas edge, in pixels.
const MARGIN = 3;
// Space between a node and its label.
const GAP = 3;
// Space kept between two labels.
const PAD = 2;
// The canvas area one label may take, as the side of a square, in pixels.
const CELL = 110;

// labelBox returns where a label of textWidth × fontSize goes for a node
// drawn at (x, y) with radius size on a canvas of width × height: the
// {x, y, width, height} of its text box (x, y its top left corner), always
// inside the canvas when the canvas is wider than the label.
export function labelBox(x, y, size, textWidth, fontSize, width, height) {
  let left = x + size + GAP;
  if (left + textWidth > width - MARGIN) {
    const before = x - size - GAP - textWidth;
    left = before >= MARGIN ? before : width - MARGIN - textWidth;
  }
  left = Math.max(MARGIN, left);
  const top = Math.min(Math.max(MARGIN, y - fontSize / 2), height - MARGIN - fontSize);
  return { x: left, y: top, width: textWidth, height: fontSize };
}

function font(settings) {
  return `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
}

const overlap = (a, b) =>
  a.x < b.x + b.width + PAD && b.x < a.x + a.width + PAD && a.y < b.y + b.height + PAD && b.y < a.y + a.height + PAD;

// createLabelDrawers returns sigma's drawLabel and drawHover for a canvas
// whose size dimensions() gives ({width, height} in CSS pixels) and whose
// candidates() gives the display data ({key, label, x, y, size, forced}, in
// viewport pixels) of the labels sigma may draw, in the order they should
// be taken; startFrame(), to call before each frame; and drawn(), the labels
// of the last frame as {id, label, x, y, width, height}.
//
// The labels are chosen when the frame draws its first one, not when
// startFrame runs: sigma emits beforeRender before it resizes and takes the
// camera's new state, so positions read then are the previous frame's, and
// a label chosen from them could overlap one drawn where its node is now.
export function createLabelDrawers(dimensions, candidates) {
  const measure = document.createElement("canvas").getContext("2d");
  let boxes = []; // drawn this frame
  let taken = new Set();
  let chosen = false; // taken holds this frame's choice

  const place = (context, data, settings) => {
    context.font = font(settings);
    const w = context.measureText(data.label).width;
    const { width, height } = dimensions();
    return labelBox(data.x, data.y, data.size, w, settings.labelSize, width, height);
  };

  function startFrame() {
    boxes = [];
    chosen = false;
  }

  function choose(settings) {
    taken = new Set();
    chosen = true;
    const { width, height } = dimensions();
    const most = Math.max(1, Math.round((width * height) / (CELL * CELL)));
    const placed = [];
    for (const c of candidates()) {
      if (!c.label) continue;
      const box = place(measure, c, settings);
      if (!c.forced && (placed.length >= most || placed.some((b) => overlap(b, box)))) continue;
      placed.push(box);
      taken.add(c.key);
    }
  }

  const text = (context, data, settings, box) => {
    // The baseline sits a quarter of the font size above the box's bottom.
    const baseline = box.y + settings.labelSize * 0.8;
    context.lineJoin = "round";
    context.lineWidth = 3;
    context.strokeStyle = "rgba(255, 255, 255, 0.9)";
    context.strokeText(data.label, box.x, baseline);
    context.fillStyle = data.labelColor || "#0f172a";
    context.fillText(data.label, box.x, baseline);
  };

  function drawLabel(context, data, settings) {
    if (!chosen) choose(settings);
    if (!data.label || !(taken.has(data.key) || data.forceLabel)) return;
    const box = place(context, data, settings);
    boxes.push({ id: data.key, label: data.label, ...box });
    text(context, data, settings, box);
  }

  // drawHover draws a hovered node's label on a white card with a shadow,
  // on the side the label is on.
  function drawHover(context, data, settings) {
    context.save();
    context.shadowBlur = 8;
    context.shadowColor = "rgba(0, 0, 0, 0.45)";
    context.fillStyle = "#fff";
    context.beginPath();
    context.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    context.fill();
    if (data.label) {
      const box = place(context, data, settings);
      context.fillRect(box.x - 2, box.y - 2, box.width + 4, box.height + 4);
      context.restore();
      text(context, data, settings, box);
      return;
    }
    context.restore();
  }

  return { drawLabel, drawHover, startFrame, drawn: () => boxes };
}
