/**
 * The page pipeline (issue: scanning): one raw page in, what goes into the PDF out, by profile. The page is decoded
 * once; a small copy answers every question (skew, blank, threshold, where the document lies, the thumbnail), and
 * the full-size pixels are touched only to turn, cut and encode them. G4 for text (lossless, ~50 KB a page at
 * 300 dpi), JPEG for grey and colour.
 */
import sharp, { type Sharp } from 'sharp';
import type { ScanProfile } from '../../../../shared/scanning/scanProtocol';
import { readG4Tiff } from '../pdf/g4Tiff';
import { analysePage, type PageAnalysis } from './pageAnalysis';
import { lumaOf, sampleTurned, turnInPlace, type Raster } from './raster';

export type { PageAnalysis };
export type PageImage = { format: 'g4'; tiff: Uint8Array } | { format: 'jpeg'; jpeg: Uint8Array; channels: 1 | 3 };
export interface ProcessedPage {
  widthPx: number;
  heightPx: number;
  dpi: number;
  image: PageImage;
  /** Image bytes in the PDF. */
  bytes: number;
  /** At most 200 px wide. */
  thumbnailJpeg: Uint8Array;
  analysis: PageAnalysis;
}
export interface RenderOptions {
  rotation: 0 | 90 | 180 | 270;
  applyDeskew: boolean;
}

/**
 * Pixels per page: A4 at 1200 dpi is 139 MP. Beyond that a file is a decompression bomb (a 30000×30000 PNG of
 * one colour is a few hundred KB and decodes to 2.7 GB): imports refuse it from its header, the pipeline before decoding.
 */
export const MAX_PAGE_PIXELS = 150_000_000;
const ANALYSIS_WIDTH = 720;
const THUMBNAIL_WIDTH = 200;
const WHITE = 255;
/** A flatbed lid is white; what differs from it by more than this is the document. */
const TRIM_THRESHOLD = 40;
/** Densities below this are software defaults (72, 96), not a scanner's resolution. */
const MIN_TRUSTED_DPI = 100;
/** libtiff's strip limit: one strip per page, so the PDF draws one image, not a stack of seams. */
const MAX_ROWS_PER_STRIP = 32768;

// Every page is decoded once and never again: libvips' operation cache would only hold memory.
sharp.cache(false);

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const colourspaceOf = (channels: 1 | 3) => (channels === 1 ? 'b-w' : 'srgb');
const fromRaster = (image: Raster) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });

/**
 * `input`: a raw page file on disk or its bytes, already validated (a separate module rejects bad files).
 * `dpi`: the scan's resolution, used when the file carries none.
 */
export async function processPage(input: string | Uint8Array, profile: ScanProfile, dpi: number, options: RenderOptions): Promise<ProcessedPage> {
  const channels = profile.output.format === 'jpeg' ? profile.output.channels : 1;
  const source = sharp(input, { limitInputPixels: MAX_PAGE_PIXELS, autoOrient: true });
  const { density } = await source.metadata();
  const { data, info } = await source.flatten({ background: '#ffffff' }).toColourspace(colourspaceOf(channels)).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const page: Raster = { data, width: info.width, height: info.height, channels };
  const sideways = options.rotation % 180 !== 0;
  const upright = { width: sideways ? page.height : page.width, height: sideways ? page.width : page.height };

  const small = smallCopy(page, options.rotation, upright);
  const { threshold, ...analysis } = analysePage(lumaOf(small));
  // Turning commutes with the operator's quarter turns, so the full page turns before them, in its own frame.
  const turn = options.applyDeskew ? analysis.deskewDegrees : 0;
  if (turn !== 0) {
    turnInPlace(small, turn, WHITE);
    turnInPlace(page, turn, WHITE);
  }
  const smallCrop = profile.autoCrop ? await documentBox(small) : null;
  const crop = smallCrop && scaleBox(smallCrop, upright.width / small.width, upright.height / small.height, upright);

  let pipeline = fromRaster(page);
  if (options.rotation !== 0) pipeline = pipeline.rotate(options.rotation);
  if (crop) pipeline = pipeline.extract(crop);
  const [encoded, thumbnailJpeg] = await Promise.all([encode(pipeline, profile.output, threshold, crop?.height ?? upright.height), thumbnailOf(small, smallCrop, profile.output.format === 'g4' ? threshold : null)]);
  return {
    widthPx: encoded.width,
    heightPx: encoded.height,
    dpi: density && density >= MIN_TRUSTED_DPI ? Math.round(density) : dpi,
    image: encoded.image,
    bytes: encoded.image.format === 'g4' ? readG4Tiff(encoded.image.tiff).strips.reduce((sum, strip) => sum + strip.byteLength, 0) : encoded.image.jpeg.byteLength,
    thumbnailJpeg,
    analysis,
  };
}

/** The page upright (operator's rotation applied) and about 720 px wide. */
function smallCopy(page: Raster, rotation: RenderOptions['rotation'], upright: { width: number; height: number }): Raster {
  const scale = Math.min(1, ANALYSIS_WIDTH / upright.width);
  return sampleTurned(page, rotation, Math.max(1, Math.round(upright.width * scale)), Math.max(1, Math.round(upright.height * scale)));
}

/** Where the document lies on a white platen; null when there is nothing but dust to cut to. */
async function documentBox(small: Raster): Promise<Box | null> {
  const { info } = await fromRaster(small).trim({ background: '#ffffff', threshold: TRIM_THRESHOLD }).toColourspace(colourspaceOf(small.channels)).raw().toBuffer({ resolveWithObject: true });
  const box = { left: -(info.trimOffsetLeft ?? 0), top: -(info.trimOffsetTop ?? 0), width: info.width, height: info.height };
  return box.width * box.height < 0.01 * small.width * small.height ? null : box;
}

/** A box found on the small copy, on the full-size page: one small pixel of slack so no edge of the document is lost. */
function scaleBox(box: Box, scaleX: number, scaleY: number, page: { width: number; height: number }): Box {
  const left = Math.max(0, Math.floor((box.left - 1) * scaleX));
  const top = Math.max(0, Math.floor((box.top - 1) * scaleY));
  const right = Math.min(page.width, Math.ceil((box.left + box.width + 1) * scaleX));
  const bottom = Math.min(page.height, Math.ceil((box.top + box.height + 1) * scaleY));
  return { left, top, width: right - left, height: bottom - top };
}

async function encode(pipeline: Sharp, output: ScanProfile['output'], threshold: number, heightPx: number): Promise<{ image: PageImage; width: number; height: number }> {
  if (output.format === 'g4') {
    // Thresholded from a one-channel raw source: libvips refuses 1-bit G4 from a decoded multi-channel image.
    const { data, info } = await pipeline
      .threshold(threshold)
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: Math.min(heightPx, MAX_ROWS_PER_STRIP) })
      .toBuffer({ resolveWithObject: true });
    return { image: { format: 'g4', tiff: data }, width: info.width, height: info.height };
  }
  // libjpeg-turbo, not mozjpeg: mozjpeg saves a quarter of the bytes for 4–7× the time.
  const { data, info } = await pipeline.toColourspace(colourspaceOf(output.channels)).jpeg({ quality: output.quality }).toBuffer({ resolveWithObject: true });
  return { image: { format: 'jpeg', jpeg: data, channels: output.channels }, width: info.width, height: info.height };
}

/** `threshold` for bilevel pages: the operator judges legibility on what the PDF will hold, not on the gray scan. */
async function thumbnailOf(small: Raster, crop: Box | null, threshold: number | null): Promise<Uint8Array> {
  let pipeline = fromRaster(small);
  if (crop) pipeline = pipeline.extract(crop);
  if (threshold !== null) pipeline = pipeline.threshold(threshold);
  return pipeline.resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).toColourspace(colourspaceOf(small.channels)).jpeg({ quality: 70 }).toBuffer();
}
