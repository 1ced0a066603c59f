import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scanProfiles } from '../../../../shared/scanning/scanProtocol';
import { readG4Tiff } from '../pdf/g4Tiff';
import { processPage, type ProcessedPage } from './pageProcessing';
import { syntheticBlankPage, syntheticTextPage } from './syntheticPage.testkit';

const straight = { rotation: 0, applyDeskew: true } as const;

function g4Of(page: ProcessedPage): Uint8Array {
  if (page.image.format !== 'g4') throw new Error(`expected a G4 page, got ${page.image.format}`);
  return page.image.tiff;
}

/** An ID card (85.6 × 54 mm) lying on a white platen scanned at 150 dpi, as the scanner's JPEG. */
async function cardOnPlaten(left: number, top: number) {
  const card = await sharp({ create: { width: 506, height: 319, channels: 3, background: '#3a6ea5' } })
    .composite([{ input: { create: { width: 300, height: 40, channels: 3, background: '#e8e0d0' } }, left: 170, top: 60 }])
    .png()
    .toBuffer();
  return sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).composite([{ input: card, left, top }]).jpeg({ quality: 90 }).toBuffer();
}

/** A PNG claiming 20000 × 8000 pixels (160 MP) in a few hundred bytes, its data cut short. */
function bombPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20000, 0);
  header.writeUInt32BE(8000, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1-bit grey
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(4000))), chunk('IEND', Buffer.alloc(0))]);
}

describe('processPage', () => {
  it('finds the skew of a page fed turned to within 0.2°, and its output is straight', async () => {
    for (const skew of [1.3, -0.7, 4.2]) {
      const page = await processPage(await syntheticTextPage({ seed: 11, skewDegrees: skew }), scanProfiles.text, 300, straight);
      expect(Math.abs(page.analysis.deskewDegrees + skew)).toBeLessThanOrEqual(0.2);
      expect([page.widthPx, page.heightPx]).toEqual([2480, 3508]);
      if (skew === 1.3) expect((await processPage(g4Of(page), scanProfiles.text, 300, straight)).analysis.deskewDegrees).toBe(0);
    }
    const level = await processPage(await syntheticTextPage({ seed: 12 }), scanProfiles.text, 300, straight);
    expect(level.analysis.deskewDegrees).toBe(0);
  });

  it('calls a white page with a few specks blank and a text page not', async () => {
    const blank = await processPage(await syntheticBlankPage({ seed: 5, specks: 15 }), scanProfiles.text, 300, straight);
    expect(blank.analysis).toMatchObject({ blank: true, deskewDegrees: 0 });
    const text = await processPage(await syntheticTextPage({ seed: 6, skewDegrees: 0.5 }), scanProfiles.text, 300, straight);
    expect(text.analysis.blank).toBe(false);
    expect(text.analysis.inkFraction).toBeGreaterThan(0.02);
  });

  it('makes a dense 300 dpi text page a one-strip CCITT G4 1-bit TIFF of at most 70 KB, with a small thumbnail', async () => {
    const page = await processPage(await syntheticTextPage({ seed: 21, skewDegrees: -0.9 }), scanProfiles.text, 300, straight);
    const tiff = g4Of(page);
    expect(tiff.byteLength).toBeLessThanOrEqual(70 * 1024);
    const read = readG4Tiff(tiff); // refuses anything but compression 4, 1 bit, 1 sample
    expect(read).toMatchObject({ width: 2480, height: 3508, rowsPerStrip: 3508 });
    expect(page.bytes).toBe(read.strips[0]!.byteLength);
    expect(await sharp(tiff).metadata()).toMatchObject({ format: 'tiff', width: 2480, height: 3508, channels: 1 });

    const thumbnail = await sharp(page.thumbnailJpeg).metadata();
    expect(thumbnail.format).toBe('jpeg');
    expect(thumbnail.width).toBeLessThanOrEqual(200);
    expect(page.dpi).toBe(300);
  });

  it("applies the operator's rotation, and leaves the skew out when told to", async () => {
    const input = await syntheticTextPage({ seed: 31, skewDegrees: 1, dpi: 150 });
    const upsideDown = await processPage(input, scanProfiles.text, 150, { rotation: 180, applyDeskew: true });
    expect(upsideDown.analysis.deskewDegrees).toBeCloseTo(-1, 1);
    const sideways = await processPage(input, scanProfiles.text, 150, { rotation: 90, applyDeskew: false });
    expect([sideways.widthPx, sideways.heightPx]).toEqual([1754, 1240]);

    // Not straightened: the result still reads as skewed.
    const kept = await processPage(input, scanProfiles.text, 150, { rotation: 0, applyDeskew: false });
    expect((await processPage(g4Of(kept), scanProfiles.text, 150, straight)).analysis.deskewDegrees).toBeCloseTo(-1, 1);
  });

  it('cuts a card out of the platen for the photo profile, as a colour JPEG', async () => {
    const page = await processPage(await cardOnPlaten(150, 210), scanProfiles.photo, 150, straight);
    expect(page.image).toMatchObject({ format: 'jpeg', channels: 3 });
    expect(Math.abs(page.widthPx - 506)).toBeLessThanOrEqual(6);
    expect(Math.abs(page.heightPx - 319)).toBeLessThanOrEqual(6);
    const image = page.image.format === 'jpeg' ? page.image.jpeg : new Uint8Array();
    expect(await sharp(image).metadata()).toMatchObject({ format: 'jpeg', channels: 3, width: page.widthPx, height: page.heightPx });
    expect(page.bytes).toBe(image.byteLength);
  });

  it('makes a grey JPEG for the gray profile, at the resolution the file states or else the one given', async () => {
    const png = await syntheticTextPage({ seed: 41, dpi: 100, lines: 10 });
    const stated = await sharp(png).withDensity(200).png().toBuffer();
    const page = await processPage(stated, scanProfiles.gray, 300, straight);
    expect(page.dpi).toBe(200);
    expect(page.image).toMatchObject({ format: 'jpeg', channels: 1 });
    expect((await processPage(png, scanProfiles.gray, 300, straight)).dpi).toBe(300);
  });

  it('refuses an image of more than 150 megapixels before decoding it', async () => {
    await expect(processPage(bombPng(), scanProfiles.text, 300, straight)).rejects.toThrow(/pixel limit/);
  });

  it('shows a bilevel page as the PDF will hold it: gray paper becomes white in the thumbnail too', async () => {
    const grayPaper = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#c8c8c8' } })
      .composite([{ input: { create: { width: 800, height: 30, channels: 3, background: '#101010' } }, left: 200, top: 400 }])
      .png()
      .toBuffer();
    const meanOf = async (page: ProcessedPage) => (await sharp(page.thumbnailJpeg).stats()).channels[0]!.mean;
    const bilevel = await processPage(grayPaper, scanProfiles.text, 150, straight);
    const gray = await processPage(grayPaper, scanProfiles.gray, 150, straight);
    expect(await meanOf(bilevel)).toBeGreaterThan(235);
    expect(await meanOf(gray)).toBeLessThan(215);
  });
});
