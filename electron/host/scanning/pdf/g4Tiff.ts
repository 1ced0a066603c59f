/**
 * Reads the strips out of a single-page CCITT Group 4 TIFF, as libvips writes it, so they can go into a PDF as they
 * are. A G4 strip is coded on its own (each starts from an imaginary white line), so strips cannot be joined into
 * one stream: the PDF draws one image per strip. Anything else is refused with a reason, never half-read.
 */
export interface G4Tiff {
  width: number;
  height: number;
  /** 0 = WhiteIsZero, 1 = BlackIsZero (what libvips writes unless asked for miniswhite). */
  photometric: 0 | 1;
  rowsPerStrip: number;
  strips: Uint8Array[];
}

export class TiffError extends Error {
  override name = 'TiffError';
}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  fillOrder: 266,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  t6Options: 293,
  tileWidth: 322,
} as const;
const TYPE_SIZE: Record<number, number> = { 3: 2, 4: 4 }; // SHORT, LONG: the only types these tags take
const CCITT_G4 = 4;

export function readG4Tiff(bytes: Uint8Array): G4Tiff {
  if (bytes.byteLength < 8) throw new TiffError('not a TIFF: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') throw new TiffError('not a TIFF: no byte-order mark');
  const little = order === 'II';
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const magic = u16(2);
  if (magic === 43) throw new TiffError('BigTIFF is not supported');
  if (magic !== 42) throw new TiffError('not a TIFF: bad magic number');

  const within = (at: number, length: number) => {
    if (at + length > bytes.byteLength) throw new TiffError('truncated TIFF');
  };
  const ifd = u32(4);
  within(ifd, 2);
  const entryCount = u16(ifd);
  within(ifd + 2, entryCount * 12 + 4);
  const fields = new Map<number, number[]>();
  for (let entry = ifd + 2; entry < ifd + 2 + entryCount * 12; entry += 12) {
    const size = TYPE_SIZE[u16(entry + 2)];
    if (size === undefined) continue; // a type our tags never use (text, rationals): not ours to read
    const count = u32(entry + 4);
    const at = count * size <= 4 ? entry + 8 : u32(entry + 8);
    within(at, count * size);
    fields.set(u16(entry), Array.from({ length: count }, (_, k) => (size === 2 ? u16(at + k * 2) : u32(at + k * 4))));
  }
  if (u32(ifd + 2 + entryCount * 12) !== 0) throw new TiffError('multi-page TIFF: expected one page');

  const one = (tag: number, fallback?: number) => {
    const value = fields.get(tag)?.[0] ?? fallback;
    if (value === undefined) throw new TiffError(`TIFF tag ${tag} is missing`);
    return value;
  };
  const compression = one(TAG.compression, 1);
  if (compression !== CCITT_G4) throw new TiffError(`TIFF compression is ${compression}, expected ${CCITT_G4} (CCITT Group 4)`);
  if (one(TAG.bitsPerSample, 1) !== 1 || one(TAG.samplesPerPixel, 1) !== 1) throw new TiffError('G4 TIFF must be 1 bit, 1 sample per pixel');
  if (fields.has(TAG.tileWidth)) throw new TiffError('tiled TIFF is not supported');
  if (one(TAG.fillOrder, 1) !== 1) throw new TiffError('TIFF FillOrder 2 (reversed bits) is not supported');
  // PDF's CCITTFaxDecode would need Uncompressed true for these; libtiff never writes them.
  if ((one(TAG.t6Options, 0) & 2) !== 0) throw new TiffError('G4 uncompressed mode is not supported');
  const photometric = one(TAG.photometric);
  if (photometric !== 0 && photometric !== 1) throw new TiffError(`TIFF photometric ${photometric} is not bilevel`);

  const width = one(TAG.width);
  const height = one(TAG.height);
  if (width === 0 || height === 0) throw new TiffError('TIFF has no pixels');
  const rowsPerStrip = Math.min(one(TAG.rowsPerStrip, height), height);
  const offsets = fields.get(TAG.stripOffsets) ?? [];
  const counts = fields.get(TAG.stripByteCounts) ?? [];
  const stripCount = Math.ceil(height / rowsPerStrip);
  if (offsets.length !== stripCount || counts.length !== stripCount) throw new TiffError(`TIFF has ${offsets.length} strip offsets and ${counts.length} byte counts for ${stripCount} strips`);
  const strips = offsets.map((offset, k) => {
    within(offset, counts[k]!);
    return bytes.subarray(offset, offset + counts[k]!);
  });
  return { width, height, photometric, rowsPerStrip, strips };
}
