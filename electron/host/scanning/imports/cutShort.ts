/**
 * Whether an image file stops before its own structure says it ends: a copy from a network share or a
 * scanner that broke off midway. The decoders do not always notice: libtiff silently drops the pages of a
 * multi-page TIFF whose directories lie past the cut, and libpng reports a cut file and a corrupt one with
 * the same message. Walking the container is cheap (no pixels are decoded) and gives one clear answer.
 */
import type { ImageMimeType } from './fileType';

export function isCutShort(bytes: Uint8Array, mimeType: ImageMimeType): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (mimeType === 'image/jpeg') return !jpegReachesEnd(bytes, view);
    if (mimeType === 'image/png') return !pngReachesEnd(view);
    return !tiffDataInside(view);
  } catch (error) {
    // DataView reads past the end throw RangeError: the structure points beyond the bytes we have.
    if (error instanceof RangeError) return true;
    throw error;
  }
}

const isRestartMarker = (marker: number | undefined) => marker !== undefined && marker >= 0xd0 && marker <= 0xd7;

/** Follows the JPEG segments, skipping entropy-coded scans, to the end-of-image marker. */
function jpegReachesEnd(bytes: Uint8Array, view: DataView): boolean {
  let offset = 2; // after the start-of-image marker
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) {
      offset = bytes.indexOf(0xff, offset); // stray bytes between segments: decoders skip them too
      if (offset === -1) return false;
    }
    const marker = view.getUint8(offset + 1);
    if (marker === 0xd9) return true;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || isRestartMarker(marker)) {
      offset += 2; // markers without a length
      continue;
    }
    offset += 2 + view.getUint16(offset + 2);
    if (marker === 0xda) offset = endOfScan(bytes, offset);
  }
  return false;
}

/** In scan data, 0xFF is followed by 0 (a stuffed byte) or a restart marker; anything else starts a segment. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let candidate = bytes.indexOf(0xff, from);
  while (candidate !== -1 && (bytes[candidate + 1] === 0x00 || isRestartMarker(bytes[candidate + 1]))) {
    candidate = bytes.indexOf(0xff, candidate + 2);
  }
  return candidate === -1 ? bytes.length : candidate;
}

/** Follows the PNG chunks to IEND; each chunk is length, type, data and CRC. */
function pngReachesEnd(view: DataView): boolean {
  const IEND = 0x49454e44;
  let offset = 8;
  while (offset + 8 <= view.byteLength) {
    const end = offset + 12 + view.getUint32(offset);
    if (end > view.byteLength) return false;
    if (view.getUint32(offset + 4) === IEND) return true;
    offset = end;
  }
  return false;
}

const STRIP_OFFSETS = 273;
const STRIP_BYTE_COUNTS = 279;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;

/** Walks every directory (page) of a classic TIFF and checks that each strip or tile lies inside the file. */
function tiffDataInside(view: DataView): boolean {
  const little = view.getUint8(0) === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const seen = new Set<number>();
  for (let directory = u32(4); directory !== 0 && !seen.has(directory); ) {
    seen.add(directory);
    const entries = u16(directory);
    let offsets: number[] = [];
    let counts: number[] = [];
    for (let index = 0; index < entries; index++) {
      const entry = directory + 2 + index * 12;
      const tag = u16(entry);
      if (tag === STRIP_OFFSETS || tag === TILE_OFFSETS) offsets = readIntegers(view, entry, little);
      if (tag === STRIP_BYTE_COUNTS || tag === TILE_BYTE_COUNTS) counts = readIntegers(view, entry, little);
    }
    if (offsets.some((offset, index) => offset + (counts[index] ?? 0) > view.byteLength)) return false;
    directory = u32(directory + 2 + entries * 12);
  }
  // A directory loop is corruption, not a cut: the decoder refuses that on its own.
  return true;
}

/** The SHORT or LONG values of one directory entry, inline when they fit in its 4-byte value field. */
function readIntegers(view: DataView, entry: number, little: boolean): number[] {
  const type = view.getUint16(entry + 2, little);
  const count = view.getUint32(entry + 4, little);
  const size = type === 3 ? 2 : type === 4 ? 4 : 0;
  if (size === 0) return [];
  const start = count * size <= 4 ? entry + 8 : view.getUint32(entry + 8, little);
  if (start + count * size > view.byteLength) throw new RangeError('values past the end');
  return Array.from({ length: count }, (_, index) => (size === 2 ? view.getUint16(start + index * 2, little) : view.getUint32(start + index * 4, little)));
}
