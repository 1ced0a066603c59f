/**
 * Synthetic "scanned" pages for the pipeline's tests and benchmark: a form-like A4 page of Kazakh/Russian text
 * with a ruled table, on slightly grey paper, turned by a known angle as a feeder would skew it. Every seed gives
 * a different page, so a run of pages is not one page decoded over and over.
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';

const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const words = (
  'өтініш беруші әлібеков ғалымжан үсенұлы заявление о выдаче справки номер от года қазақстан республикасы ' +
  'мекенжайы адрес проживания жеке сәйкестендіру нөмірі индивидуальный идентификационный номер күні дата ' +
  'қолы подпись халыққа қызмет көрсету орталығы центр обслуживания населения құжат документ тіркеу регистрация'
).split(' ');

const PAPER = 246;
const INK = 28;

export interface SyntheticPageOptions {
  seed: number;
  /** Clockwise, as sharp's rotate() turns. */
  skewDegrees?: number;
  /** 300 dpi A4 unless told; text and rules scale with the resolution. */
  dpi?: number;
  /** Lines of body text (a dense form has about 36). */
  lines?: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function a4(dpi: number) {
  return { width: Math.round((210 / 25.4) * dpi), height: Math.round((297 / 25.4) * dpi) };
}

async function textMask(text: string, points: number, dpi: number, widthPx: number) {
  const { data, info } = await sharp({ text: { text, fontfile: fontFile, font: `DejaVu Sans ${points}`, dpi, width: widthPx } })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { mask: data, width: info.width, height: info.height };
}

/** Lays white-on-black text coverage onto the page as ink. */
function inkText(page: Uint8Array, pageWidth: number, text: { mask: Uint8Array; width: number; height: number }, left: number, top: number) {
  for (let y = 0; y < text.height; y++) {
    const row = (top + y) * pageWidth + left;
    for (let x = 0; x < text.width; x++) {
      const coverage = text.mask[y * text.width + x]!;
      if (coverage > 0) page[row + x] = Math.round(PAPER - ((PAPER - INK) * coverage) / 255);
    }
  }
}

function inkRect(page: Uint8Array, pageWidth: number, left: number, top: number, width: number, height: number) {
  for (let y = top; y < top + height; y++) page.fill(INK, y * pageWidth + left, y * pageWidth + left + width);
}

async function skewedPng(page: Uint8Array, width: number, height: number, skewDegrees: number): Promise<Uint8Array> {
  const paper = { r: PAPER, g: PAPER, b: PAPER };
  let image = sharp(page, { raw: { width, height, channels: 1 } });
  if (skewDegrees !== 0) {
    // Turned about the centre and cut back to the paper size, as the page lies on the scanner's glass.
    const radians = (Math.abs(skewDegrees) * Math.PI) / 180;
    const turnedWidth = Math.round(width * Math.cos(radians) + height * Math.sin(radians));
    const turnedHeight = Math.round(height * Math.cos(radians) + width * Math.sin(radians));
    image = image
      .rotate(skewDegrees, { background: paper })
      .extract({ left: Math.floor((turnedWidth - width) / 2), top: Math.floor((turnedHeight - height) / 2), width, height });
  }
  return image.toColourspace('b-w').png().toBuffer();
}

/** A grey PNG of a dense text form. */
export async function syntheticTextPage(options: SyntheticPageOptions): Promise<Uint8Array> {
  const dpi = options.dpi ?? 300;
  const next = random(options.seed);
  const { width, height } = a4(dpi);
  const mm = dpi / 25.4;
  const margin = Math.round(20 * mm);
  const page = new Uint8Array(width * height).fill(PAPER);

  const sentence = (length: number) => {
    let line = '';
    while (line.length < length) line += `${words[Math.floor(next() * words.length)]} `;
    return line.trim();
  };
  const title = await textMask(`${sentence(30).toUpperCase()} № ${options.seed}`, 14, dpi, width - 2 * margin);
  inkText(page, width, title, margin, margin);

  const body = Array.from({ length: options.lines ?? 36 }, (_, index) => (index % 9 === 8 ? '' : sentence(48 + Math.floor(next() * 14))));
  const text = await textMask(body.join('\n'), 10, dpi, width - 2 * margin);
  const bodyTop = margin + title.height + Math.round(8 * mm);
  inkText(page, width, text, margin, bodyTop);

  // A ruled table below the text: thin rules as printed forms have.
  const rule = Math.max(1, Math.round(0.3 * mm));
  const tableTop = bodyTop + text.height + Math.round(10 * mm);
  const rowHeight = Math.round(8 * mm);
  const columns = [0, 0.55, 0.8, 1].map((f) => margin + Math.round(f * (width - 2 * margin)));
  for (let row = 0; row <= 6; row++) inkRect(page, width, margin, tableTop + row * rowHeight, width - 2 * margin, rule);
  for (const x of columns) inkRect(page, width, Math.min(x, width - margin - rule), tableTop, rule, 6 * rowHeight + rule);
  for (let row = 0; row < 6; row++) {
    const cell = await textMask(`${row + 1}. ${sentence(25)}`, 9, dpi, columns[1]! - columns[0]!);
    inkText(page, width, cell, margin + Math.round(2 * mm), tableTop + row * rowHeight + Math.round(2 * mm));
  }
  return skewedPng(page, width, height, options.skewDegrees ?? 0);
}

/** An empty sheet with a few specks of dust, as a blank duplex back comes out. */
export async function syntheticBlankPage(options: { seed: number; specks?: number; dpi?: number }): Promise<Uint8Array> {
  const dpi = options.dpi ?? 300;
  const next = random(options.seed);
  const { width, height } = a4(dpi);
  const page = new Uint8Array(width * height).fill(PAPER);
  for (let speck = 0; speck < (options.specks ?? 12); speck++) {
    const size = 2 + Math.floor(next() * 4);
    inkRect(page, width, Math.floor(next() * (width - size)), Math.floor(next() * (height - size)), size, size);
  }
  return skewedPng(page, width, height, 0);
}
