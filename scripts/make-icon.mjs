// Draws images/icon.png (128x128): a list of comma-separated items, one of them marked, on a server-blue
// tile, which is what the extension checks. Node built-ins only: shapes are sampled 4x4 per pixel for
// smooth edges and the PNG is written by hand (zlib deflate, CRC-32).
// Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const TILE = [0x1f, 0x4e, 0x79];
const INK = [0xff, 0xff, 0xff];
const MUTED = [0x9e, 0xc3, 0xe6];
const ERROR = [0xe8, 0x4a, 0x3c];
const OK = [0x3c, 0xb3, 0x71];

/** Is (x, y) inside a rectangle with rounded corners of radius r? */
function inRoundedRect(x, y, left, top, right, bottom, r) {
  const cx = Math.min(Math.max(x, left + r), right - r);
  const cy = Math.min(Math.max(y, top + r), bottom - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= left && x <= right && y >= top && y <= bottom;
}

function inCircle(x, y, cx, cy, r) {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Is (x, y) within `w / 2` of the segment (ax, ay)-(bx, by)? */
function onStroke(x, y, ax, ay, bx, by, w) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
}

// Each list item: field widths, as in `.ext,processor,flags`; the third item is the faulty one.
const ITEMS = [
  { y: 34, fields: [14, 40, 8], color: INK },
  { y: 56, fields: [18, 32, 8], color: INK },
  { y: 78, fields: [12, 44, 8], color: ERROR },
];

/** The colour at (x, y), or undefined outside the tile; later shapes paint over earlier ones. */
function colorAt(x, y) {
  if (!inRoundedRect(x, y, 4, 4, 124, 124, 22)) return undefined;
  let color = TILE;
  for (const item of ITEMS) {
    let left = 22;
    item.fields.forEach((width, i) => {
      if (inRoundedRect(x, y, left, item.y - 5, left + width, item.y + 5, 5)) color = item.color;
      left += width;
      // The comma between two fields.
      if (i < item.fields.length - 1 && (inCircle(x, y, left + 5, item.y + 3, 2.6) || onStroke(x, y, left + 6, item.y + 4, left + 4, item.y + 9, 2.4))) color = MUTED;
      left += 10;
    });
  }
  // A check badge over the bottom-right corner.
  if (inCircle(x, y, 96, 96, 22)) color = TILE;
  if (inCircle(x, y, 96, 96, 18)) color = OK;
  if (onStroke(x, y, 86, 97, 93, 104, 6) || onStroke(x, y, 93, 104, 106, 88, 6)) color = INK;
  return color;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colorAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!c) continue;
          covered++;
          for (let i = 0; i < 3; i++) sum[i] += c[i];
        }
      }
      const o = (py * SIZE + px) * 4;
      if (covered === 0) continue;
      for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(sum[i] / covered);
      rgba[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Every scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? 'images/icon.png';
writeFileSync(out, png(render()));
console.log(`${out}: ${SIZE}x${SIZE}`);
