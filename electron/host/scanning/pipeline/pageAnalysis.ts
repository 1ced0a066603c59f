/**
 * What the pipeline learns from a small grey copy of a page (600–800 px wide): its skew, whether it is blank, and
 * where to cut ink from paper. Pure functions over pixels, so they are cheap to test on synthetic pages.
 */
import type { Raster } from './raster';

export interface PageAnalysis {
  /** Clockwise turn that straightens the page (sharp's rotate convention); 0 when straight or not sure. */
  deskewDegrees: number;
  blank: boolean;
  /** Share of the page (margins left out) darker than paper. */
  inkFraction: number;
}

/** Scanner edges and shadows sit in the outer 1 % (NAPS2 leaves the same margin out). */
const MARGIN = 0.01;
/** Darker than this is ink (NAPS2's white threshold is of this order). */
const DARK_LUMA = 180;
/** NAPS2's default coverage threshold: 0.15 % ink or less is a blank page. */
const BLANK_INK_FRACTION = 0.0015;
const MAX_SKEW = 10;
/** Below this a turn changes no pixel worth the resampling. */
const MIN_SKEW = 0.1;

function inner(image: Raster) {
  const marginX = Math.ceil(image.width * MARGIN);
  const marginY = Math.ceil(image.height * MARGIN);
  return { x0: marginX, x1: image.width - marginX, y0: marginY, y1: image.height - marginY };
}

/** What the page is, and the threshold that separates its ink from its paper. */
export function analysePage(gray: Raster): PageAnalysis & { threshold: number } {
  const histogram = innerHistogram(gray);
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const inkFraction = histogram.subarray(0, DARK_LUMA).reduce((sum, count) => sum + count, 0) / Math.max(1, total);
  const threshold = otsuThreshold(histogram);
  const blank = inkFraction <= BLANK_INK_FRACTION;
  const skew = blank ? 0 : estimateSkew(gray, threshold);
  return { deskewDegrees: skew === 0 ? 0 : -skew, blank, inkFraction, threshold };
}

function innerHistogram(gray: Raster): Uint32Array {
  const { x0, x1, y0, y1 } = inner(gray);
  const histogram = new Uint32Array(256);
  for (let y = y0; y < y1; y++) {
    for (let i = y * gray.width + x0, end = y * gray.width + x1; i < end; i++) histogram[gray.data[i]!]!++;
  }
  return histogram;
}

/** Otsu's threshold over a grey histogram, kept within a range where paper stays white and ink black. */
function otsuThreshold(histogram: Uint32Array): number {
  let total = 0;
  let sumAll = 0;
  for (let value = 0; value < 256; value++) {
    total += histogram[value]!;
    sumAll += value * histogram[value]!;
  }
  let best = -1;
  let threshold = 160;
  let below = 0;
  let sumBelow = 0;
  for (let value = 0; value < 255; value++) {
    below += histogram[value]!;
    sumBelow += value * histogram[value]!;
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const difference = sumBelow / below - (sumAll - sumBelow) / above;
    const betweenVariance = below * above * difference * difference;
    if (betweenVariance > best) {
      best = betweenVariance;
      threshold = value + 1;
    }
  }
  return Math.min(200, Math.max(80, threshold));
}

/**
 * Skew of the text lines, clockwise in degrees, by projection profile: the bottom edges of ink (text baselines,
 * rules) are projected across the page at each candidate angle, and the angle that stacks them into the fewest,
 * fullest rows wins (sum of squared row counts). Coarse over ±10°, then fine around the best. 0 when the peak
 * hardly stands out (photos, blank pages) or sits at the edge of the range.
 */
export function estimateSkew(gray: Raster, threshold: number): number {
  const { x0, x1, y0, y1 } = inner(gray);
  const { data, width } = gray;
  // Bottom edges of ink: an inked pixel over a paper one.
  const edges: number[] = [];
  for (let y = y0; y < y1 - 1; y++) {
    for (let i = y * width + x0, end = y * width + x1; i < end; i++) if (data[i]! < threshold && data[i + width]! >= threshold) edges.push(i);
  }
  const count = edges.length;
  if (count < 100) return 0;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const y = Math.floor(edges[k]! / width);
    xs[k] = edges[k]! - y * width - width / 2;
    ys[k] = y - gray.height / 2;
  }
  const offset = Math.ceil(Math.hypot(width, gray.height) / 2) + 1;
  const bins = new Int32Array(2 * offset + 2);
  const score = (degrees: number, stride: number) => {
    const radians = (degrees * Math.PI) / 180;
    const cos = Math.cos(radians);
    const sin = Math.sin(radians);
    bins.fill(0);
    for (let k = 0; k < count; k += stride) bins[(ys[k]! * cos - xs[k]! * sin + offset + 0.5) | 0]!++;
    let sum = 0;
    for (let b = 0; b < bins.length; b++) sum += bins[b]! * bins[b]!;
    return sum;
  };

  // A quarter of the edges is plenty to find the peak within half a degree; all of them place it.
  const coarse: { degrees: number; score: number }[] = [];
  for (let degrees = -MAX_SKEW; degrees <= MAX_SKEW + 1e-9; degrees += 0.5) coarse.push({ degrees, score: score(degrees, 4) });
  const peak = coarse.reduce((a, b) => (b.score > a.score ? b : a));
  const typical = [...coarse].sort((a, b) => a.score - b.score)[coarse.length >> 1]!.score;
  if (Math.abs(peak.degrees) >= MAX_SKEW || peak.score < 1.5 * typical) return 0;

  let best = { degrees: peak.degrees, score: 0 };
  for (let step = -10; step <= 10; step++) {
    const degrees = peak.degrees + step * 0.05;
    const candidate = { degrees, score: score(degrees, 1) };
    if (candidate.score > best.score) best = candidate;
  }
  const skew = Math.round(best.degrees * 100) / 100;
  return Math.abs(skew) < MIN_SKEW ? 0 : skew;
}
