/** Decoded pixels as the page pipeline passes them around: 8 bits per channel, rows top to bottom, no padding. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Rec. 601 luma, the weights NAPS2's blank detection uses. */
export function lumaOf(image: Raster): Raster {
  if (image.channels === 1) return image;
  const { data, width, height } = image;
  const gray = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < gray.length; i++, j += 3) gray[i] = (299 * data[j]! + 587 * data[j + 1]! + 114 * data[j + 2]!) / 1000;
  return { data: gray, width, height, channels: 1 };
}

/**
 * A `width` × `height` copy of the image after a clockwise quarter turn by `rotation`, by nearest neighbour: every
 * value in it is one of the image's, so its histogram and ink share are the full image's (averaging would grey thin
 * strokes away).
 */
export function sampleTurned(image: Raster, rotation: 0 | 90 | 180 | 270, width: number, height: number): Raster {
  const { data, channels } = image;
  const [w, h] = [image.width, image.height];
  const sideways = rotation === 90 || rotation === 270;
  const uprightX = (u: number) => Math.floor(((u + 0.5) * (sideways ? h : w)) / width);
  const uprightY = (v: number) => Math.floor(((v + 0.5) * (sideways ? w : h)) / height);
  // Where an upright pixel was before the turn, as the sum of a column's part and a row's part of its index.
  const columnPart = (x: number) => (rotation === 0 ? x : rotation === 90 ? (h - 1 - x) * w : rotation === 180 ? w - 1 - x : x * w);
  const rowPart = (y: number) => (rotation === 0 ? y * w : rotation === 90 ? y : rotation === 180 ? (h - 1 - y) * w : w - 1 - y);
  const columns = Int32Array.from({ length: width }, (_, u) => columnPart(uprightX(u)) * channels);
  const out = new Uint8Array(width * height * channels);
  for (let v = 0, o = 0; v < height; v++) {
    const row = rowPart(uprightY(v)) * channels;
    if (channels === 1) for (let u = 0; u < width; u++) out[o++] = data[row + columns[u]!]!;
    else for (let u = 0; u < width; u++) for (let c = 0, from = row + columns[u]!; c < channels; c++) out[o++] = data[from + c]!;
  }
  return { data: out, width, height, channels };
}

/**
 * Turns the image clockwise by `degrees` about its centre, in place and keeping its size (what comes in at the edges
 * is `background`): a vertical shear by sin θ, then a horizontal one by −sin θ, nearest neighbour. A shear moves whole
 * runs of pixels with copyWithin, so a 300 dpi page turns in a few milliseconds with no second page allocated, about
 * 10× faster than libvips' interpolating rotate; the result goes to thresholding or JPEG, where bilinear would not
 * show. Two shears turn by θ with a squeeze across and a stretch down of about 1 − cos θ each: 0.03 % (a pixel on
 * A4) at the 1.5° a sheet skews in a feeder, 1.5 % at the 10° limit of deskew.
 */
export function turnInPlace(image: Raster, degrees: number, background: number): void {
  const { data, width, height, channels } = image;
  const sin = Math.sin((degrees * Math.PI) / 180);
  const rowBytes = width * channels;
  const shiftOf = (position: number, size: number) => Math.round(sin * (position + 0.5 - size / 2));

  // Column x moves down by sin·x (from the centre); neighbouring columns with the same shift move as one band.
  for (let x = 0; x < width; ) {
    const shift = shiftOf(x, width);
    let end = x + 1;
    while (end < width && shiftOf(end, width) === shift) end++;
    const [left, right] = [x * channels, end * channels];
    if (shift > 0) {
      for (let y = height - 1; y >= shift; y--) data.copyWithin(y * rowBytes + left, (y - shift) * rowBytes + left, (y - shift) * rowBytes + right);
      for (let y = 0; y < Math.min(shift, height); y++) data.fill(background, y * rowBytes + left, y * rowBytes + right);
    } else if (shift < 0) {
      for (let y = 0; y < height + shift; y++) data.copyWithin(y * rowBytes + left, (y - shift) * rowBytes + left, (y - shift) * rowBytes + right);
      for (let y = Math.max(0, height + shift); y < height; y++) data.fill(background, y * rowBytes + left, y * rowBytes + right);
    }
    x = end;
  }

  // Row y moves left by sin·y (from the centre).
  for (let y = 0; y < height; y++) {
    const shift = -shiftOf(y, height) * channels;
    const row = y * rowBytes;
    if (Math.abs(shift) >= rowBytes) data.fill(background, row, row + rowBytes);
    else if (shift > 0) {
      data.copyWithin(row + shift, row, row + rowBytes - shift);
      data.fill(background, row, row + shift);
    } else if (shift < 0) {
      data.copyWithin(row, row - shift, row + rowBytes);
      data.fill(background, row + rowBytes + shift, row + rowBytes);
    }
  }
}
