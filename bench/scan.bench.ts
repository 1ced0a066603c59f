/**
 * Scan benchmark (issue: scanning). Ours: N synthetic A4 text pages at 300 dpi (grey PNG, each skewed a little as a
 * feeder delivers them) through the page pipeline with the `text` profile (decode, analysis, deskew, G4, thumbnail),
 * each page's image and thumbnail written to a work folder as it completes, then one PDF assembled from those files
 * and put into a document store. Reference: the same files through sharp's decode + threshold + G4 encode only, no
 * analysis, PDF or storage, with the same 2 pages in parallel, in the same run.
 * Ours runs in a process of its own, as the pipeline does in the app's host: its peak RSS is then its own, not the
 * memory the allocator kept from drawing the pages and from the reference.
 * Targets: ratio ≤ 1.3, ≤ 70 KB per page, ≥ 5 pages/s, peak RSS < 400 MB.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { scanProfiles } from '../shared/scanning/scanProtocol';
import { assemblePdf, type PdfPart } from '../electron/host/scanning/pdf/assemblePdf';
import { processPage } from '../electron/host/scanning/pipeline/pageProcessing';
import { syntheticTextPage } from '../electron/host/scanning/pipeline/syntheticPage.testkit';
import { createDocumentStore } from '../electron/host/storage/documentStore';
import { keySealer } from '../electron/host/vault/vault';
import { resultLine } from './measure';

const PARALLEL = 2;
const DPI = 300;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs `work` for 0..count-1 with `PARALLEL` in flight. */
async function inLanes(count: number, work: (index: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) await work(index);
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return performance.now() - started;
}

/** Skews from −1.5° to +1.5° in tenths, spread over the run. */
const skewOf = (index: number) => (((index * 7) % 31) - 15) / 10;

function reference(inputs: string[]): Promise<number> {
  return inLanes(inputs.length, async (index) => {
    await sharp(inputs[index]!).threshold(128).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: 4096 }).toBuffer();
  });
}

export interface OursResult {
  ms: number;
  pdfBytes: number;
  peakRssBytes: number;
}

/** The timed pipeline, after two pages of warm-up as a long-running host has had; run by `oursInItsOwnProcess`. */
export async function ours(dir: string, inputs: string[]): Promise<OursResult> {
  for (const input of inputs.slice(0, 2)) await processPage(input, scanProfiles.text, DPI, { rotation: 0, applyDeskew: true });
  const work = join(dir, 'pages');
  await mkdir(work, { recursive: true });
  const store = createDocumentStore(join(dir, 'documents'), keySealer());
  const pages: { widthPx: number; heightPx: number; dpi: number }[] = [];
  const started = performance.now();
  await inLanes(inputs.length, async (index) => {
    const page = await processPage(inputs[index]!, scanProfiles.text, DPI, { rotation: 0, applyDeskew: true });
    if (page.image.format !== 'g4') throw new Error('the text profile makes G4 pages');
    await writeFile(join(work, `${index}.tif`), page.image.tiff);
    await writeFile(join(work, `${index}.jpg`), page.thumbnailJpeg);
    pages[index] = { widthPx: page.widthPx, heightPx: page.heightPx, dpi: page.dpi };
  });
  const parts: PdfPart[] = [];
  for (const [index, page] of pages.entries()) parts.push({ kind: 'image', image: { format: 'g4', tiff: await readFile(join(work, `${index}.tif`)) }, ...page });
  const pdf = await assemblePdf(parts, { title: 'Бенчмарк', subject: 'scan benchmark', creationDate: new Date() });
  const stored = await store.put(pdf);
  const ms = performance.now() - started;
  const pageCount = (await PDFDocument.load(pdf)).getPageCount();
  if (pageCount !== inputs.length) throw new Error(`the PDF holds ${pageCount} of ${inputs.length} pages`);
  return { ms, pdfBytes: stored.size, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

function oursInItsOwnProcess(dir: string, inputs: string[]): Promise<OursResult> {
  const script = `const { ours } = await import(${JSON.stringify(import.meta.url)});
    console.log(JSON.stringify(await ours(${JSON.stringify(dir)}, ${JSON.stringify(inputs)})));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop()!) as OursResult) : reject(new Error(`pipeline process exited with ${code}`))));
  });
}

export async function run(options: { pages?: number } = {}): Promise<string> {
  const count = options.pages ?? 100;
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-bench-scan-'));
  try {
    await mkdir(join(dir, 'input'));
    const inputs: string[] = [];
    for (let index = 0; index < count; index++) {
      const path = join(dir, 'input', `page-${String(index + 1).padStart(4, '0')}.png`);
      await writeFile(path, await syntheticTextPage({ seed: index + 1, skewDegrees: skewOf(index), dpi: DPI }));
      inputs.push(path);
    }
    // Taking turns, twice each, the faster of each counting: the cores are shared, and a burst of other work
    // during one run would otherwise decide the ratio.
    const referenceRuns: number[] = [];
    const ourRuns: OursResult[] = [];
    for (const round of [1, 2]) {
      referenceRuns.push(await reference(inputs));
      ourRuns.push(await oursInItsOwnProcess(join(dir, `round-${round}`), inputs));
    }
    const referenceMs = Math.min(...referenceRuns);
    const measured = ourRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
    return resultLine(
      'scan',
      measured.ms / referenceMs,
      {
        kb_per_page: measured.pdfBytes / count / 1024,
        pages_per_s: count / (measured.ms / 1000),
        peak_rss_mb: Math.max(...ourRuns.map((run) => run.peakRssBytes)) / 1024 / 1024,
        ours_ms: measured.ms,
        ref_ms: referenceMs,
        pages: count,
      },
      `pipeline (decode, deskew, blank check, G4, thumbnail, page files, PDF, store) / sharp decode + G4 encode of the same ${DPI} dpi PNGs, ${PARALLEL} pages in parallel`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
