// Node labels that stay inside the canvas and do not overlap. sigma draws a
// label to the right of its node, so a node near the right edge had its
// label cut ("Financial T…"), on screen and in the PNG export. Here a label
// that would cross the right edge goes to the left of its node, and one
// that fits on neither side, or would cross the top or bottom, is moved in;
// each is drawn over a white halo so edges crossing it do not hide it.
//
// sigma picks the labels (the biggest node of each cell of its label grid,
// then those forced); a picked label that would overlap one already drawn
// is left out, unless it is forced: forced labels (the opened entity, the
// selection, a path, a hovered node's neighbors) are reserved before each
// frame so that nothing covers them.

// Space kept between a label and the canvas edge, in pixels.
const MARGIN = 3;
// Space between a node and its label.
const GAP = 3;

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

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// createLabelDrawers returns sigma's drawLabel and drawHover for a canvas
// whose size dimensions() gives ({width, height} in CSS pixels), and
// startFrame(forced) to call before each frame with the display data
// ({key, label, x, y, size} in viewport pixels) of the labels that must be
// drawn; drawn() returns the labels of the last frame as {id, label, x, y,
// width, height}.
export function createLabelDrawers(dimensions) {
  const measure = document.createElement("canvas").getContext("2d");
  let boxes = []; // drawn this frame
  let reserved = [];

  const place = (context, data, settings) => {
    context.font = font(settings);
    const w = context.measureText(data.label).width;
    const { width, height } = dimensions();
    return labelBox(data.x, data.y, data.size, w, settings.labelSize, width, height);
  };

  function startFrame(forced, settings) {
    boxes = [];
    reserved = forced.filter((d) => d.label).map((d) => place(measure, d, settings));
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
    if (!data.label) return;
    const box = place(context, data, settings);
    if (!data.forceLabel && (reserved.some((b) => overlap(b, box)) || boxes.some((b) => overlap(b, box)))) return;
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
