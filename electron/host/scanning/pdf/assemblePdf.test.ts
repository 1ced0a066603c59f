import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp, { type TiffOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { assemblePdf, type PdfPart } from './assemblePdf';

/** Bilevel test card: rules, bars and a diagonal, so the 2-D G4 coding has edges to follow across strip joins. */
function card(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = (y % 37 < 3 && x % 200 < 150) || x % 97 < 2 || Math.abs(x - (y * width) / height) < 4;
      if (ink) pixels[y * width + x] = 0;
    }
  }
  return pixels;
}

async function g4Part(pixels: Uint8Array, width: number, height: number, tiff: TiffOptions = {}): Promise<PdfPart> {
  const bytes = await sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, ...tiff }).toBuffer();
  return { kind: 'image', image: { format: 'g4', tiff: bytes }, widthPx: width, heightPx: height, dpi: 300 };
}

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Page `page` (1-based) of a 300 dpi PDF as poppler draws it, one value per image pixel. Poppler smooths an image
 * drawn at 1:1, so it renders at 4× and each pixel is read at the centre of its 4×4 block, where that cannot reach.
 */
function render(pdfPath: string, page: number): { width: number; height: number; pixels: Uint8Array } {
  if (!hasPdftoppm) throw new Error('pdftoppm not found: install poppler-utils (apt-get install poppler-utils)');
  const pgm = execFileSync('pdftoppm', ['-r', '1200', '-gray', '-aa', 'no', '-aaVector', 'no', '-f', String(page), '-l', String(page), pdfPath], { maxBuffer: 64 << 20 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!;
  const [renderedWidth, renderedHeight] = [Number(header[1]), Number(header[2])];
  const [width, height] = [renderedWidth / 4, renderedHeight / 4];
  const rendered = pgm.subarray(header[0].length);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = rendered[(4 * y + 2) * renderedWidth + 4 * x + 2]!;
  return { width, height, pixels };
}

const metadata = { title: 'Өтініш №7 — заявление', subject: 'Application 7', author: 'Operator Әлібек', creationDate: new Date('2026-11-05T09:30:00Z'), keywords: ['scan', 'application'] };

describe('assemblePdf', () => {
  it('puts G4 and JPEG pages and copied PDF pages in order, at their physical size, with their own filters and the metadata', async () => {
    const a4 = await g4Part(card(2480, 3508), 2480, 3508);
    const jpeg = await sharp({ create: { width: 300, height: 420, channels: 3, background: '#888' } }).toColourspace('b-w').jpeg({ quality: 60 }).toBuffer();
    const imported = await PDFDocument.create();
    for (const size of [[100, 100], [200, 300], [400, 500]] as const) imported.addPage([...size]);
    const parts: PdfPart[] = [a4, { kind: 'image', image: { format: 'jpeg', jpeg, channels: 1 }, widthPx: 300, heightPx: 420, dpi: 150 }, { kind: 'pdfPages', pdf: await imported.save(), pageIndexes: [2, 0] }];

    const pdf = await PDFDocument.load(await assemblePdf(parts, metadata), { updateMetadata: false });
    const boxes = pdf.getPages().map((page) => page.getMediaBox());
    expect(boxes.map((box) => [Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10])).toEqual([[595.2, 841.9], [144, 201.6], [400, 500], [100, 100]]);

    const filters = pdf.context.enumerateIndirectObjects().flatMap(([, object]) => (object instanceof PDFRawStream ? [object.dict.get(PDFName.of('Filter'))?.toString()] : []));
    expect(filters.filter((filter) => filter === '/CCITTFaxDecode')).toHaveLength(Math.ceil(3508 / 256));
    expect(filters.filter((filter) => filter === '/DCTDecode')).toHaveLength(1);

    expect(pdf.getTitle()).toBe(metadata.title);
    expect(pdf.getSubject()).toBe(metadata.subject);
    expect(pdf.getAuthor()).toBe(metadata.author);
    expect(pdf.getKeywords()).toBe('scan application');
    expect(pdf.getProducer()).toBe('Qabyl');
    expect(pdf.getCreationDate()?.toISOString()).toBe(metadata.creationDate.toISOString());
  });

  it('refuses to make a PDF with no pages', async () => {
    await expect(assemblePdf([], metadata)).rejects.toThrow(/no pages/);
  });

  // Poppler is the proof that the strips decode to the page they came from; CI installs poppler-utils for it.
  it.runIf(hasPdftoppm || Boolean(process.env.CI))('renders every strip of a G4 page back to the exact source pixels, in either photometric', async () => {
    const [width, height] = [640, 900];
    const pixels = card(width, height);
    const parts = [await g4Part(pixels, width, height), await g4Part(pixels, width, height, { miniswhite: true, tileHeight: height })];
    const dir = await mkdtemp(join(tmpdir(), 'qabyl-pdf-'));
    try {
      const path = join(dir, 'card.pdf');
      await writeFile(path, await assemblePdf(parts, metadata));
      for (const page of [1, 2]) {
        const rendered = render(path, page);
        expect([rendered.width, rendered.height]).toEqual([width, height]);
        let differing = 0;
        for (let i = 0; i < pixels.length; i++) if ((rendered.pixels[i]! < 128) !== (pixels[i] === 0)) differing++;
        expect(differing).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
