// Draws the PNG icons of the manifest (the same mark as public/icon.svg): a white speech bubble on blue.
// Run once with `node scripts/icons.mjs`; the PNGs are committed. No image library: a PNG is a few zlib chunks.
import { Buffer } from "node:buffer";
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (bytes) => bytes.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff;
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
};

function inBubble(x, y) {
  // In units of the 512 grid of icon.svg.
  const body = x >= 88 && x <= 424 && y >= 144 && y <= 352;
  const tail = y >= 352 && y <= 416 && x >= 160 && x <= 232 && x - 160 <= (416 - y) * 1.125;
  return body || tail;
}

function icon(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const [gx, gy] = [((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size];
      const white = inBubble(gx, gy);
      row.set(white ? [255, 255, 255, 255] : [0x35, 0x58, 0xd4, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), icon(size));
