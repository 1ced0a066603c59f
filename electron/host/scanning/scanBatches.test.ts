import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, MAX_DOCUMENT_BYTES } from '../storage/documentStore';
import { isSealed } from '../vault/sealedFile';
import { keySealer } from '../vault/vault';
import { createScanBatches } from './scanBatches';
import { ScanError, type RawPage, type ScanDevice, type ScannerSource } from './scanTypes';

const device: ScanDevice = { id: 'test:feeder', kind: 'sane', name: 'Test feeder', inputs: ['feeder'] };

/** A gray A5-ish page with a block of "text" (or nothing, for a blank back side). */
async function pagePng(label: string, blank = false): Promise<Buffer> {
  const lines = blank ? '' : Array.from({ length: 18 }, (_, i) => `<rect x="80" y="${90 + i * 40}" width="${500 + ((i * 37) % 300)}" height="14" fill="#222"/>`).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1400"><rect width="100%" height="100%" fill="#fff"/>${lines}<text x="80" y="60" font-size="30">${label}</text></svg>`))
    .grayscale()
    .png()
    .toBuffer();
}

/** A source that writes the given pages as a feeder would, then fails the way it is told to. */
function feeder(pages: Buffer[], endWith?: ScanError): ScannerSource {
  return {
    kind: 'sane',
    discover: async () => [device],
    async *scan(_device, _request, workDir, signal): AsyncIterable<RawPage> {
      for (const [index, bytes] of pages.entries()) {
        if (signal.aborted) throw new ScanError('cancelled');
        const path = join(workDir, `p${index + 1}.png`);
        await writeFile(path, bytes);
        yield { seq: index + 1, path, mimeType: 'image/png', dpi: 150 };
      }
      if (endWith) throw endWith;
    },
  };
}

async function setUp() {
  const root = await mkdtemp(join(tmpdir(), 'qabyl-batches-'));
  await mkdir(join(root, 'documents'));
  const sealer = keySealer();
  const documents = createDocumentStore(join(root, 'documents'), sealer);
  const folder = join(root, 'scans');
  return { root, folder, documents, sealer, batches: createScanBatches({ folder, documents, sealer }) };
}

async function settled(batches: ReturnType<typeof createScanBatches>, batchId: string) {
  for (;;) {
    const view = await batches.view(batchId);
    if (view.job.state !== 'scanning' && view.job.state !== 'importing') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('scan batches', () => {
  it('takes a feeder batch page by page, leaves the blank back out, and makes one PDF per document', async () => {
    const { batches, documents } = await setUp();
    const opened = await batches.open('text');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1'), await pagePng('', true), await pagePng('2'), await pagePng('3')]), 'feeder');
    const view = await settled(batches, opened.batchId);
    expect(view.job).toMatchObject({ state: 'done', done: 4, problems: [] });
    expect(view.pages.map((page) => page.blank)).toEqual([false, true, false, false]);
    expect(view.pages.every((page) => page.thumbnail.startsWith('data:image/jpeg;base64,') && page.bytes > 0)).toBe(true);

    // The operator splits the batch before the last page: two documents, the blank page in neither.
    await batches.edit(opened.batchId, { op: 'toggleSplit', pageId: view.pages[3]!.id });
    const finished = await batches.finish(opened.batchId, { title: 'Өтініш', subject: 'test', author: 'Оператор' });
    expect(finished.map((document) => document.pageCount)).toEqual([2, 1]);
    const pdf = await PDFDocument.load(await documents.get(finished[0]!.sha256));
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe('Өтініш (1)');
    await expect(batches.view(opened.batchId)).rejects.toMatchObject({ code: 'scan.unknownBatch' });
  });

  it('keeps the pages scanned before a jam and says why it stopped', async () => {
    const { batches } = await setUp();
    const opened = await batches.open('gray');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1'), await pagePng('2')], new ScanError('paperJam')), 'feeder');
    const view = await settled(batches, opened.batchId);
    expect(view.job.state).toBe('failed');
    expect(view.job.problems).toEqual([{ code: 'scan.paperJam', subject: device.name }]);
    expect(view.pages).toHaveLength(2);
  });

  it('rotates from the raw page, undoes a correction, reorders and deletes', async () => {
    const { batches } = await setUp();
    const opened = await batches.open('gray');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1'), await pagePng('2'), await pagePng('3')]), 'feeder');
    const [first, second, third] = (await settled(batches, opened.batchId)).pages;
    const rotated = await batches.edit(opened.batchId, { op: 'rotate', pageId: first!.id, degrees: 90 });
    expect(rotated.pages[0]).toMatchObject({ rotation: 90, widthPx: first!.heightPx, heightPx: first!.widthPx });
    const back = await batches.edit(opened.batchId, { op: 'rotate', pageId: first!.id, degrees: -90 });
    expect(back.pages[0]).toMatchObject({ rotation: 0, widthPx: first!.widthPx });
    expect((await batches.edit(opened.batchId, { op: 'toggleDeskew', pageId: second!.id })).pages[1]!.deskewUndone).toBe(true);
    const moved = await batches.edit(opened.batchId, { op: 'move', pageId: third!.id, toIndex: 0 });
    expect(moved.pages.map((page) => page.id)).toEqual([third!.id, first!.id, second!.id]);
    const deleted = await batches.edit(opened.batchId, { op: 'delete', pageId: first!.id });
    expect(deleted.pages.map((page) => page.id)).toEqual([third!.id, second!.id]);
    await expect(batches.edit(opened.batchId, { op: 'delete', pageId: first!.id })).rejects.toMatchObject({ code: 'scan.unknownPage' });
  });

  it('inserts a forgotten sheet before a page and re-scans a page in place, keeping the old one until the new one is there', async () => {
    const { batches } = await setUp();
    const opened = await batches.open('gray');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1'), await pagePng('3')]), 'feeder');
    const [one, three] = (await settled(batches, opened.batchId)).pages;
    await batches.scan(opened.batchId, device, feeder([await pagePng('2')]), 'platen', { kind: 'insertBefore', pageId: three!.id });
    const inserted = await settled(batches, opened.batchId);
    expect(inserted.pages.map((page) => page.id)).toEqual([one!.id, inserted.pages[1]!.id, three!.id]);

    // A re-scan that jams before its page arrives leaves the page it was to replace.
    await batches.scan(opened.batchId, device, feeder([], new ScanError('paperJam')), 'platen', { kind: 'replace', pageId: one!.id });
    expect((await settled(batches, opened.batchId)).pages[0]!.id).toBe(one!.id);
    await batches.scan(opened.batchId, device, feeder([await pagePng('1 again')]), 'platen', { kind: 'replace', pageId: one!.id });
    const rescanned = await settled(batches, opened.batchId);
    expect(rescanned.pages).toHaveLength(3);
    expect(rescanned.pages.map((page) => page.id)).not.toContain(one!.id);
    expect(rescanned.pages[2]!.id).toBe(three!.id);
  });

  it('keeps every file of a batch sealed on disk: raw page, rendered page, thumbnail, journal', async () => {
    const { batches, folder } = await setUp();
    const opened = await batches.open('gray');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1'), await pagePng('2')]), 'feeder');
    await settled(batches, opened.batchId);
    // A journal rewrite may still be on its way to disk (its *.tmp, renamed over batch.json when written): not counted.
    const files = (await readdir(join(folder, opened.batchId), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'));
    // batch.json, 2 raw, 2 rendered, 2 thumbnails
    expect(files).toHaveLength(7);
    for (const file of files) expect(isSealed(await readFile(join(file.parentPath, file.name))), file.name).toBe(true);
  });

  it('survives a restart of the host: pages and edits are on disk, an interrupted job is said to be', async () => {
    const { batches, folder, documents, sealer } = await setUp();
    const opened = await batches.open('gray');
    await batches.scan(opened.batchId, device, feeder([await pagePng('1')]), 'feeder');
    const before = await settled(batches, opened.batchId);
    await batches.edit(opened.batchId, { op: 'rotate', pageId: before.pages[0]!.id, degrees: 180 });

    const restarted = createScanBatches({ folder, documents, sealer });
    const after = await restarted.view(opened.batchId);
    expect(after.pages).toHaveLength(1);
    expect(after.pages[0]!.rotation).toBe(180);
  });

  it('imports a readable PDF as it came and refuses a broken file by name, keeping what is there', async () => {
    const { batches, documents } = await setUp();
    const opened = await batches.open('text');
    await batches.importFile(opened.batchId, { fileName: 'page.png', bytes: await pagePng('1') });
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.addPage();
    const pdfBytes = await pdf.save();
    const imported = await batches.importFile(opened.batchId, { fileName: 'анықтама.pdf', bytes: pdfBytes });
    expect(imported.document).toMatchObject({ pageCount: 2, fileName: 'анықтама.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(await documents.get(imported.document!.sha256)).equals(Buffer.from(pdfBytes))).toBe(true);

    const refused = await batches.importFile(opened.batchId, { fileName: 'empty.jpg', bytes: new Uint8Array() });
    expect(refused.document).toBeUndefined();
    expect(refused.view.job.problems.at(-1)).toMatchObject({ code: 'import.empty', subject: 'empty.jpg' });
    expect(refused.view.pages).toHaveLength(1);
  });

  it('names a PDF the document store refuses with the store\'s own reason', async () => {
    const { batches } = await setUp();
    const opened = await batches.open('text');
    const pdf = await PDFDocument.create();
    pdf.addPage();
    // Past the document store's 20 MB: an uncompressed stream of noise nobody can shrink.
    pdf.attach(randomBytes(MAX_DOCUMENT_BYTES), 'noise.bin');
    const refused = await batches.importFile(opened.batchId, { fileName: 'big.pdf', bytes: await pdf.save() });
    expect(refused.document).toBeUndefined();
    expect(refused.view.job.problems.at(-1)).toMatchObject({ code: 'host.documents.tooLarge', subject: 'big.pdf' });
  });

  it('discards a batch with its files', async () => {
    const { batches, folder } = await setUp();
    const opened = await batches.open('text');
    await batches.discard(opened.batchId);
    expect(await readdir(folder)).toEqual([]);
  });
});
