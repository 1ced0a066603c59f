/**
 * Files for the import gate's tests, good and broken: a noisy page (so the encoders produce real, non-trivial
 * streams) and a PNG whose header declares more pixels than its few hundred bytes hold.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export const noisyPage = (width = 240, height = 160) =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff', noise: { type: 'gaussian', mean: 140, sigma: 50 } } });

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A well-formed PNG header declaring `side` × `side` gray pixels, with one deflated row: under a kilobyte on disk. */
export function pngDeclaringSquare(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth; colour type 0 (gray) and the rest stay 0
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(side + 1))), pngChunk('IEND', Buffer.alloc(0))]);
}
