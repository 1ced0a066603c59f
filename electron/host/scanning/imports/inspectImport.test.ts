import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractImagePage, ImportProblem, inspectImport, MAX_IMPORT_BYTES, type ImportProblemCode } from './inspectImport';
import { noisyPage, pngDeclaringSquare } from './inspectImport.testkit';

const grayPages = async (levels: number[], width = 120, height = 80) => {
  const page = (level: number) => Buffer.alloc(width * height, level);
  return sharp(Buffer.concat(levels.map(page)), { raw: { width, height: height * levels.length, channels: 1, pageHeight: height } })
    .toColourspace('b-w')
    .withDensity(300)
    .tiff({ compression: 'lzw' })
    .toBuffer();
};

/** A valid PNG header claiming 30000×30000 gray pixels, with one deflated row: under a kilobyte on disk. */
const pngBomb = () => pngDeclaringSquare(30_000);

/** A classic-xref PDF written by hand, so a test can put whatever it needs into the trailer. */
const handWrittenPdf = (objects: string[], trailerExtra = '') => {
  let text = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = text.length;
    text += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
};

const onePageTree = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
/** The standard security handler's dictionary as a password-protected PDF carries it (RC4, 40-bit). */
const standardEncryption = `<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >>`;
const fileId = '/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]';

const problemOf = async (promise: Promise<unknown>): Promise<ImportProblemCode> => {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportProblem);
  return (error as ImportProblem).code;
};

const workDir = () => mkdtemp(join(tmpdir(), 'qabyl-import-'));

let jpeg: Buffer;
let png: Buffer;
let pdf: Uint8Array;

beforeAll(async () => {
  jpeg = await noisyPage().withDensity(200).jpeg().toBuffer();
  png = await noisyPage().withDensity(300).png().toBuffer();
  const document = await PDFDocument.create();
  document.addPage();
  document.addPage();
  pdf = await document.save();
});

describe('inspectImport accepts what operators really import', () => {
  it('reads a JPEG with its dpi', async () => {
    expect(await inspectImport(jpeg, { fileName: 'passport.jpg', mimeType: 'image/jpeg' })).toEqual({ kind: 'images', mimeType: 'image/jpeg', pages: 1, dpi: 200, notices: [] });
  });

  it('reports no dpi when the file states none (libvips would say 72)', async () => {
    const bare = await noisyPage().jpeg().toBuffer();
    expect(await inspectImport(bare, { fileName: 'photo.jpeg' })).toMatchObject({ pages: 1, dpi: null });
  });

  it('reads a PNG with its dpi', async () => {
    expect(await inspectImport(png, { fileName: 'scan.png' })).toEqual({ kind: 'images', mimeType: 'image/png', pages: 1, dpi: 300, notices: [] });
  });

  it('counts the pages of a PDF', async () => {
    expect(await inspectImport(pdf, { fileName: 'application.pdf', mimeType: 'application/pdf' })).toEqual({ kind: 'pdf', pages: 2 });
  });

  it('counts the pages of a multi-page TIFF and extracts any one of them', async () => {
    const tiff = await grayPages([40, 120, 200]);
    expect(await inspectImport(tiff, { fileName: 'feeder.tif' })).toEqual({ kind: 'images', mimeType: 'image/tiff', pages: 3, dpi: 300, notices: [] });
    const path = join(await workDir(), 'page.png');
    expect(await extractImagePage(tiff, 2, path)).toEqual({ dpi: 300 });
    const written = await readFile(path);
    expect(await sharp(written).metadata()).toMatchObject({ format: 'png', width: 120, height: 80, channels: 1, depth: 'uchar', density: 300 });
    expect((await sharp(written).stats()).channels[0]?.mean).toBe(200);
  });

  it('refuses a page index the file does not have', async () => {
    await expect(extractImagePage(await grayPages([40, 120]), 2, join(await workDir(), 'page.png'))).rejects.toBeInstanceOf(RangeError);
  });

  it('accepts a bilevel CCITT G4 TIFF, as office scanners send for text', async () => {
    const bilevel = await grayPages([255]);
    const g4 = await sharp(bilevel).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
    expect(await inspectImport(g4, { fileName: 'letter.tiff' })).toMatchObject({ kind: 'images', pages: 1, notices: [] });
    const path = join(await workDir(), 'page.png');
    await extractImagePage(g4, 0, path);
    expect(await sharp(path).metadata()).toMatchObject({ channels: 1, depth: 'uchar' });
  });

  it.each([
    ['CMYK JPEG', 'print.jpg', () => noisyPage().toColourspace('cmyk').jpeg().toBuffer(), 'convertedCmyk'],
    ['CMYK TIFF', 'print.tif', () => noisyPage().toColourspace('cmyk').tiff({ compression: 'lzw' }).toBuffer(), 'convertedCmyk'],
    ['16-bit TIFF', 'deep.tif', () => noisyPage().toColourspace('rgb16').tiff({ compression: 'lzw' }).toBuffer(), 'converted16Bit'],
    ['16-bit PNG', 'deep.png', () => noisyPage().toColourspace('rgb16').png().toBuffer(), 'converted16Bit'],
  ] as const)('accepts a %s, tells the operator, and converts it to 8-bit sRGB', async (_, fileName, make, notice) => {
    const bytes = await make();
    expect(await inspectImport(bytes, { fileName })).toMatchObject({ kind: 'images', pages: 1, notices: [notice] });
    const path = join(await workDir(), 'page.png');
    await extractImagePage(bytes, 0, path);
    expect(await sharp(path).metadata()).toMatchObject({ space: 'srgb', channels: 3, depth: 'uchar' });
  });

  it('turns a camera photo upright and flattens transparency onto white', async () => {
    const sideways = await noisyPage(200, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const path = join(await workDir(), 'upright.png');
    await extractImagePage(sideways, 0, path);
    expect(await sharp(path).metadata()).toMatchObject({ width: 100, height: 200 });

    const transparent = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    await extractImagePage(transparent, 0, path);
    const flattened = await sharp(path).metadata();
    expect(flattened.hasAlpha).toBe(false);
    expect((await sharp(path).stats()).channels.map((channel) => channel.mean)).toEqual([255, 255, 255]);
  });
});

describe('inspectImport refuses bad input with its own code', () => {
  it('an empty file', async () => {
    expect(await problemOf(inspectImport(new Uint8Array(), { fileName: 'scan.pdf' }))).toBe('empty');
  });

  it('a file over the size limit, before reading it', async () => {
    expect(await problemOf(inspectImport(new Uint8Array(MAX_IMPORT_BYTES + 1), { fileName: 'huge.pdf' }))).toBe('tooLarge');
  });

  it('a JPEG cut in half', async () => {
    expect(await problemOf(inspectImport(jpeg.subarray(0, jpeg.length >> 1), { fileName: 'cut.jpg' }))).toBe('truncated');
  });

  it('a PNG cut in half', async () => {
    expect(await problemOf(inspectImport(png.subarray(0, png.length >> 1), { fileName: 'cut.png' }))).toBe('truncated');
  });

  it('a multi-page TIFF cut in its last page, which the decoder alone would read as fewer pages', async () => {
    const tiff = await grayPages([40, 120, 200]);
    expect(await problemOf(inspectImport(tiff.subarray(0, Math.floor(tiff.length * 0.8)), { fileName: 'cut.tif' }))).toBe('truncated');
  });

  it('a PNG whose pixel data is damaged although the file is whole', async () => {
    const damaged = Buffer.from(png);
    const pixelData = damaged.indexOf('IDAT') + 4;
    damaged.fill(0x5a, pixelData + 50, pixelData + 150);
    expect(await problemOf(inspectImport(damaged, { fileName: 'damaged.png' }))).toBe('unreadableImage');
  });

  it('a 30000×30000 PNG bomb, from its header alone', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(1024);
    const started = performance.now();
    expect(await problemOf(inspectImport(bomb, { fileName: 'bomb.png' }))).toBe('tooManyPixels');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a password-protected PDF', async () => {
    const encrypted = handWrittenPdf([...onePageTree, standardEncryption], `/Encrypt 4 0 R ${fileId}`);
    expect(await problemOf(inspectImport(encrypted, { fileName: 'locked.pdf' }))).toBe('pdfEncrypted');
  });

  it('an encrypted PDF so scrambled that pdf-lib cannot parse it', async () => {
    const encrypted = handWrittenPdf(['<< /Type /Catalog /Pages 9 0 R >>', standardEncryption], `/Encrypt 2 0 R ${fileId}`);
    expect(await problemOf(inspectImport(encrypted, { fileName: 'locked.pdf' }))).toBe('pdfEncrypted');
  });

  it('a PDF header followed by garbage', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 2000 }, (_, index) => (index * 37) % 256))]);
    expect(await problemOf(inspectImport(garbage, { fileName: 'broken.pdf' }))).toBe('pdfMalformed');
  });

  it('a PDF without pages', async () => {
    const empty = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    expect(await problemOf(inspectImport(empty, { fileName: 'blank.pdf' }))).toBe('pdfMalformed');
  });

  it('a PDF that lost its end, which pdf-lib would still load', async () => {
    const whole = handWrittenPdf(onePageTree);
    const cut = whole.subarray(0, whole.length - 60);
    expect(await problemOf(inspectImport(cut, { fileName: 'cut.pdf' }))).toBe('truncated');
  });
});

describe('inspectImport checks the type a file claims against its bytes', () => {
  const text = new TextEncoder().encode('Not a scan at all.\n');

  it.each([
    ['a text file named scan.pdf', () => text, { fileName: 'scan.pdf' }, 'typeMismatch'],
    ['a text file sent as application/pdf', () => text, { fileName: 'scan', mimeType: 'application/pdf' }, 'typeMismatch'],
    ['a PNG named photo.jpg', () => png, { fileName: 'photo.jpg' }, 'typeMismatch'],
    ['a JPEG named .jpg but sent as image/png', () => jpeg, { fileName: 'photo.jpg', mimeType: 'image/png' }, 'typeMismatch'],
    ['a PDF renamed to .exe', () => pdf, { fileName: 'invoice.exe' }, 'typeMismatch'],
    ['a text file named notes.txt', () => text, { fileName: 'notes.txt', mimeType: 'text/plain' }, 'unsupportedType'],
    ['unknown bytes without a name that claims anything', () => text, { fileName: 'README' }, 'unsupportedType'],
  ] as const)('refuses %s', async (_, bytes, claimed, code) => {
    expect(await problemOf(inspectImport(bytes(), claimed))).toBe(code);
  });

  it.each([
    ['a PNG without an extension', () => png, { fileName: 'scan0001' }, 'image/png'],
    ['a PDF sent as application/octet-stream', () => pdf, { fileName: 'Scan.PDF', mimeType: 'application/octet-stream' }, 'pdf'],
    ['a JPEG named .JFIF, as Windows saves them', () => jpeg, { fileName: 'IMG.JFIF', mimeType: 'image/jpeg' }, 'image/jpeg'],
  ] as const)('accepts %s', async (_, bytes, claimed, type) => {
    const inspected = await inspectImport(bytes(), claimed);
    expect(inspected.kind === 'pdf' ? 'pdf' : inspected.mimeType).toBe(type);
  });
});
