import { describe, expect, it } from 'vitest';
import { analysePage, estimateSkew } from './pageAnalysis';
import type { Raster } from './raster';

const paper = (width: number, height: number, value = 245): Raster => ({ data: new Uint8Array(width * height).fill(value), width, height, channels: 1 });

/** Text-like rows of dashes along lines turned `degrees` clockwise. */
function ruled(degrees: number): Raster {
  const page = paper(700, 990);
  const tan = Math.tan((degrees * Math.PI) / 180);
  for (let line = 60; line < 930; line += 14) {
    for (let x = 40; x < 660; x++) {
      if (x % 23 > 17) continue; // gaps between words
      for (let thickness = 0; thickness < 5; thickness++) page.data[Math.round(line + (x - 350) * tan) * 700 + x - thickness * 700] = 30;
    }
  }
  return page;
}

function noise(seed: number): Raster {
  const page = paper(700, 990);
  let state = seed;
  for (let i = 0; i < page.data.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    page.data[i] = state >>> 24;
  }
  return page;
}

describe('page analysis', () => {
  it('finds the skew of ruled text within 0.05°, and nothing in noise or below 0.1°', () => {
    for (const degrees of [0.6, -2.35, 7.5]) expect(estimateSkew(ruled(degrees), 128)).toBeCloseTo(degrees, 1);
    expect(estimateSkew(ruled(0.05), 128)).toBe(0);
    expect(estimateSkew(noise(1), 128)).toBe(0);
    expect(analysePage(ruled(1.2)).deskewDegrees).toBeCloseTo(-1.2, 1);
  });

  it('counts ink inside the margins only, so a scanner edge does not make a blank page look written', () => {
    const page = paper(1000, 1000);
    page.data.fill(0, 0, 5 * 1000); // dark edge along the top, inside the 1 % margin
    expect(analysePage(page)).toMatchObject({ deskewDegrees: 0, blank: true, inkFraction: 0 });
    for (let y = 500; y < 540; y++) page.data.fill(0, y * 1000 + 100, y * 1000 + 140);
    expect(analysePage(page)).toMatchObject({ blank: false, inkFraction: 1600 / (980 * 980) });
  });

  it("keeps Otsu's threshold where paper stays white and ink black, and at 160 on an empty sheet", () => {
    const { threshold } = analysePage(ruled(0));
    expect(threshold).toBeGreaterThanOrEqual(80);
    expect(threshold).toBeLessThanOrEqual(200);
    expect(analysePage(paper(100, 100)).threshold).toBe(160);
  });
});
