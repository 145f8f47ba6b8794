const SIZE = 32;

/**
 * Draws the tab's icon on a canvas: the app's mark, and with something unread a red dot carrying the
 * count (9+ past nine, as two digits are all that fit). `data-count` tells tests what was drawn.
 */
export function drawFavicon(count: number, doc: Document = document): void {
  const canvas = doc.createElement("canvas");
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext("2d");
  if (!context) return;
  context.fillStyle = "#2f6fdb";
  context.beginPath();
  context.roundRect(0, 0, SIZE, SIZE, 7);
  context.fill();
  context.fillStyle = "#ffffff";
  context.font = "bold 20px system-ui, sans-serif";
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText("N", SIZE / 2, SIZE / 2 + 1);
  if (count > 0) {
    context.fillStyle = "#d92d20";
    context.beginPath();
    context.arc(SIZE - 9, 9, 9, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = "#ffffff";
    context.font = "bold 12px system-ui, sans-serif";
    context.fillText(count > 9 ? "9+" : String(count), SIZE - 9, 10);
  }
  const link = iconLink(doc);
  link.href = canvas.toDataURL("image/png");
  link.dataset.count = String(count);
}

function iconLink(doc: Document): HTMLLinkElement {
  const existing = doc.querySelector<HTMLLinkElement>("link[data-natter-badge]");
  if (existing) return existing;
  const link = doc.createElement("link");
  link.rel = "icon";
  link.type = "image/png";
  link.dataset.natterBadge = "";
  doc.head.append(link);
  return link;
}
