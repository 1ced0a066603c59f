/**
 * The gate for files an operator imports (issue: scanning): an applicant's photo from a USB stick, a PDF from
 * e-mail, a TIFF from a scanner's network folder. Every file is checked here, against its bytes, before any
 * other part of the host touches it, and each refusal carries a code the UI turns into a clear message.
 *
 * Type rule: the bytes decide what a file is; its name and MIME type are a claim checked against them. A
 * file that claims a type must hold exactly that type, so a PNG named photo.jpg is a typeMismatch just like a
 * text file named scan.pdf: a file that misstates its contents is more often a mix-up (the wrong file picked)
 * or a trick than a harmless quirk, and the operator can rename it knowingly. A file that claims nothing (no
 * extension, no or a generic MIME type) is taken for what its bytes are. Bytes we cannot read are an
 * unsupportedType, unless the name claims a type we do read: that is a lie, so typeMismatch.
 */
import sharp, { type Metadata } from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { claimedTypes, sniffType, type ImageMimeType } from './fileType';
import { isCutShort } from './cutShort';
import { MAX_PAGE_PIXELS } from '../pipeline/pageProcessing';

export type ImportProblemCode = 'empty' | 'truncated' | 'tooManyPixels' | 'typeMismatch' | 'unsupportedType' | 'unreadableImage' | 'pdfEncrypted' | 'pdfMalformed' | 'tooLarge' | 'badFileName';

export class ImportProblem extends Error {
  override name = 'ImportProblem';
  constructor(
    readonly code: ImportProblemCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** What the operator is told was changed on the way in. */
export type ImportNotice = 'convertedCmyk' | 'converted16Bit';

export type InspectedImport =
  | { kind: 'images'; mimeType: ImageMimeType; pages: number; dpi: number | null; notices: ImportNotice[] }
  | { kind: 'pdf'; pages: number };

/** Larger than any sane scan of an application's documents, and small enough to hold in memory twice. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;


/** Folder separators and control characters: the name goes on into the request package and onto the applicant's media. */
const UNSAFE_NAME = /[/\\\p{Cc}]/u;

export async function inspectImport(bytes: Uint8Array, claimed: { fileName: string; mimeType?: string }): Promise<InspectedImport> {
  if (UNSAFE_NAME.test(claimed.fileName)) throw new ImportProblem('badFileName');
  if (bytes.byteLength === 0) throw new ImportProblem('empty');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportProblem('tooLarge', `${bytes.byteLength} bytes`);
  const actual = sniffType(bytes);
  const claims = claimedTypes(claimed);
  if (claims.some((claim) => claim !== actual)) {
    const claimsSupported = claims.some((claim) => claim !== 'other');
    if (actual || claimsSupported) throw new ImportProblem('typeMismatch', `named ${claims.join(', ')}, holds ${actual ?? 'unknown data'}`);
  }
  if (!actual) throw new ImportProblem('unsupportedType');
  return actual === 'application/pdf' ? inspectPdf(bytes) : inspectImage(bytes, actual);
}

/**
 * One page of an image file as an 8-bit gray or sRGB PNG, upright and without alpha, ready for the page
 * pipeline: writes it to `path`. CMYK and 16-bit pages are converted here.
 */
export async function extractImagePage(bytes: Uint8Array, pageIndex: number, path: string): Promise<{ dpi: number | null }> {
  const { pages = 1 } = await readHeader(bytes, 0);
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= pages) throw new RangeError(`page ${pageIndex} of ${pages}`);
  const header = await readHeader(bytes, pageIndex);
  refuseOversized(header);
  const dpi = dpiOf(header);
  const gray = header.space === 'b-w' || header.space === 'grey16';
  let image = sharp(bytes, { ...decodeOptions, page: pageIndex, autoOrient: true });
  if (header.hasAlpha) image = image.flatten({ background: '#ffffff' });
  image = image.toColourspace(gray ? 'b-w' : 'srgb');
  if (dpi) image = image.withDensity(dpi);
  try {
    // Fast compression: this file only lives until the page pipeline re-encodes it.
    await image.png({ compressionLevel: 1 }).toFile(path);
  } catch (error) {
    throw new ImportProblem('unreadableImage', messageOf(error));
  }
  return { dpi };
}

/** Fail on decode errors but not on warnings (sharp's default): decoders warn about quirks real scanners produce. */
const decodeOptions = { failOn: 'error', limitInputPixels: MAX_PAGE_PIXELS } as const;

async function inspectImage(bytes: Uint8Array, mimeType: ImageMimeType): Promise<InspectedImport> {
  if (isCutShort(bytes, mimeType)) throw new ImportProblem('truncated');
  const first = await readHeader(bytes, 0);
  const pages = first.pages ?? 1;
  const notices = new Set<ImportNotice>();
  for (let page = 0; page < pages; page++) {
    const header = page === 0 ? first : await readHeader(bytes, page);
    refuseOversized(header);
    const notice = conversionNotice(header);
    if (notice) notices.add(notice);
    await decodeFully(bytes, page);
  }
  return { kind: 'images', mimeType, pages, dpi: dpiOf(first), notices: [...notices] };
}

/** Header only: no pixels decoded, so a bomb's dimensions can be read and judged without the pixel limit. */
async function readHeader(bytes: Uint8Array, page: number): Promise<Metadata> {
  try {
    return await sharp(bytes, { page, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImportProblem('unreadableImage', messageOf(error));
  }
}

function refuseOversized({ width, height }: Metadata): void {
  if (width * height > MAX_PAGE_PIXELS) throw new ImportProblem('tooManyPixels', `${width}×${height}`);
}

function conversionNotice({ space, depth }: Metadata): ImportNotice | null {
  if (depth === 'ushort') return 'converted16Bit';
  // 32-bit and float samples come from cameras' HDR and science, never from a document scanner.
  if (depth !== 'uchar') throw new ImportProblem('unsupportedType', `${depth} samples`);
  return space === 'cmyk' ? 'convertedCmyk' : null;
}

/** Decodes every pixel into a tiny result (stats), so damage anywhere in the page shows now, not in the pipeline. */
async function decodeFully(bytes: Uint8Array, page: number): Promise<void> {
  try {
    await sharp(bytes, { ...decodeOptions, page }).stats();
  } catch (error) {
    throw new ImportProblem('unreadableImage', messageOf(error));
  }
}

/** Only a density the file states in real units: without units libvips invents 72 dpi. */
function dpiOf({ density, resolutionUnit }: Metadata): number | null {
  if (!resolutionUnit || !density || !Number.isFinite(density)) return null;
  return Math.round(density);
}

async function inspectPdf(bytes: Uint8Array): Promise<InspectedImport> {
  let document: PDFDocument;
  let pages: number;
  try {
    // ignoreEncryption lets the load finish so isEncrypted can answer, instead of matching pdf-lib's error.
    document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    pages = document.getPageCount();
  } catch (error) {
    // Encrypted object streams cannot be parsed at all; the /Encrypt key in the trailer still says why.
    if (asBuffer(bytes).includes('/Encrypt')) throw new ImportProblem('pdfEncrypted');
    throw new ImportProblem('pdfMalformed', messageOf(error));
  }
  if (document.isEncrypted) throw new ImportProblem('pdfEncrypted');
  // pdf-lib reads objects in order and forgives a missing tail, so a cut file can still load with pages lost.
  if (!asBuffer(bytes.subarray(-1024)).includes('%%EOF')) throw new ImportProblem('truncated');
  if (pages === 0) throw new ImportProblem('pdfMalformed', 'no pages');
  return { kind: 'pdf', pages };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
