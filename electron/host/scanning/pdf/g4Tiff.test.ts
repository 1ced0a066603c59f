import sharp, { type TiffOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { readG4Tiff, TiffError } from './g4Tiff';

/** Stripes of ink on paper, as 1-channel raw → G4, the way the pipeline writes it. */
async function g4(width: number, height: number, tiff: TiffOptions = {}) {
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = 10; y < height; y += 40) pixels.fill(0, y * width + 20, y * width + width - 20);
  return new Uint8Array(await sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, ...tiff }).toBuffer());
}

describe('readG4Tiff', () => {
  it('returns every strip of a multi-strip G4 TIFF as libvips writes it, inside the file', async () => {
    const bytes = await g4(300, 1000);
    const tiff = readG4Tiff(bytes);
    expect(tiff).toMatchObject({ width: 300, height: 1000, photometric: 1, rowsPerStrip: 256 });
    expect(tiff.strips).toHaveLength(4);
    for (const strip of tiff.strips) {
      expect(strip.byteLength).toBeGreaterThan(0);
      expect(strip.buffer).toBe(bytes.buffer);
    }
  });

  it('reads a single-strip, min-is-white file', async () => {
    const tiff = readG4Tiff(await g4(200, 120, { tileHeight: 120, miniswhite: true }));
    expect(tiff).toMatchObject({ width: 200, height: 120, photometric: 0, rowsPerStrip: 120 });
    expect(tiff.strips).toHaveLength(1);
  });

  it('refuses what is not a single-page G4 TIFF, saying why', async () => {
    const colour = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } });
    const lzw = new Uint8Array(await colour().tiff({ compression: 'lzw' }).toBuffer());
    expect(() => readG4Tiff(lzw)).toThrow(/compression is 5, expected 4/);
    const png = new Uint8Array(await colour().png().toBuffer());
    expect(() => readG4Tiff(png)).toThrow(TiffError);
    expect(() => readG4Tiff(new Uint8Array(4))).toThrow(/too short/);

    const truncated = await g4(300, 1000);
    expect(() => readG4Tiff(truncated.subarray(0, truncated.byteLength - 200))).toThrow(/truncated/);
  });
});
