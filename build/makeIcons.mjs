// Draws the application icon (a white "Q" on a teal rounded square) as PNG with node:zlib only, so it can be
// regenerated on any build machine: `node build/makeIcons.mjs`. electron-builder makes the Windows .ico from icon.png.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

/** Coverage of the shape at a point in unit coordinates (0..1): 0 transparent, 1 background, 2 glyph. */
function shapeAt(x, y) {
  const r = 0.18; // corner radius of the rounded square
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return 0;
  const d = Math.hypot(x - 0.5, y - 0.47);
  const ring = d > 0.2 && d < 0.3;
  // The tail of the Q: a thick diagonal stroke towards the lower right.
  const along = (x - 0.55 + (y - 0.62)) / Math.SQRT2;
  const across = Math.abs(x - 0.55 - (y - 0.62)) / Math.SQRT2;
  const tail = along > 0 && along < 0.22 && across < 0.05;
  return ring || tail ? 2 : 1;
}

function drawPng(size) {
  const samples = 4; // supersampling per axis, for smooth edges
  const background = [11, 110, 138];
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (None), then RGBA
    for (let px = 0; px < size; px++) {
      let inside = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const v = shapeAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (v > 0) inside++;
          if (v === 2) glyph++;
        }
      }
      const t = inside === 0 ? 0 : glyph / inside;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(background[c] * (1 - t) + 255 * t);
      row[o + 3] = Math.round((255 * inside) / (samples * samples));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = new URL('.', import.meta.url);
const big = drawPng(512);
writeFileSync(new URL('icon.png', here), big);
writeFileSync(new URL('icons/512x512.png', here), big);
writeFileSync(new URL('icons/256x256.png', here), drawPng(256));
