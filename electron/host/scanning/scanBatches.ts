/**
 * Scan batches: the pages of one checklist document while the operator works on them. Every page goes to
 * disk the moment it arrives (raw file, processed image, thumbnail, and the batch journal written atomically),
 * so a long feeder run keeps memory flat and a crash or a restart loses no page. Edits never touch the raw
 * page: a rotated or un-deskewed page is rendered again from it. Finishing assembles one PDF per document
 * (a batch split by the operator gives several) into the content-addressed document store. Pages show identity
 * documents, so every file of a batch is sealed under the data key, bound to its path in the batch.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isJobRunning, scanProfiles, type ScanPlacement, type BatchView, type FinishedDocument, type PageEdit, type PageView, type ScanProfileId } from '../../../shared/scanning/scanProtocol';
import { HostError } from '../../../shared/host/hostError';
import type { DocumentStore } from '../storage/documentStore';
import { writeFileAtomically } from '../storage/atomicFile';
import { isSealed } from '../vault/sealedFile';
import { openIfSealed, type FileSealer } from '../vault/vault';
import { sweepFolderEntries } from '../storage/storeSweep';
import { extractImagePage, ImportProblem, inspectImport } from './imports/inspectImport';
import { assemblePdf, type PdfPart } from './pdf/assemblePdf';
import { processPage, type PageImage } from './pipeline/pageProcessing';
import { ScanError, type ScanDevice, type ScannerSource, type ScanRequest } from './scanTypes';

type Rotation = 0 | 90 | 180 | 270;

interface PageRecord {
  id: string;
  /** Raw page as delivered (scanner file or extracted import page), relative to the batch folder. */
  raw: string;
  dpi: number;
  origin: string;
  rotation: Rotation;
  deskewUndone: boolean;
  keepBlank: boolean;
  /** Starts a new document within the batch. */
  splitBefore: boolean;
  rendered: { image: string; format: PageImage['format']; channels?: 1 | 3; thumbnail: string; bytes: number; widthPx: number; heightPx: number; deskewDegrees: number; blank: boolean };
}

type JobState = BatchView['job'];

interface BatchRecord {
  batchId: string;
  profile: ScanProfileId;
  pages: PageRecord[];
  job: JobState;
}

export interface ScanBatches {
  open(profile: ScanProfileId): Promise<BatchView>;
  view(batchId: string): Promise<BatchView>;
  /** Starts a scan in the background; the view shows its progress. */
  scan(batchId: string, device: ScanDevice, source: ScannerSource, input: ScanRequest['input'], placement?: ScanPlacement): Promise<BatchView>;
  /** An image file's pages join the batch; a readable PDF is a finished document of its own. A refused file is a problem in the view. */
  importFile(batchId: string, file: { fileName: string; bytes: Uint8Array }): Promise<{ view: BatchView; document?: FinishedDocument }>;
  cancel(batchId: string): Promise<BatchView>;
  edit(batchId: string, edit: PageEdit): Promise<BatchView>;
  /** One PDF per document of the batch; the batch is gone afterwards. */
  finish(batchId: string, metadata: { title: string; subject: string; author: string }): Promise<FinishedDocument[]>;
  discard(batchId: string): Promise<void>;
  /** The batch a watched-folder file goes to: the one the operator touched last. */
  current(): string | null;
  /** Start-up clean-up: batches no open checklist item holds any more (a crash lost their owner), older than `startedAt`. */
  sweep(open: ReadonlySet<string>, startedAt: Date): Promise<number>;
}

const idPattern = /^[0-9a-f-]{36}$/;

export function createScanBatches(options: { folder: string; documents: DocumentStore; sealer: FileSealer; now?: () => Date }): ScanBatches {
  const now = options.now ?? (() => new Date());
  const batches = new Map<string, BatchRecord>();
  const jobs = new Map<string, AbortController>();
  // One writer per batch: pages arriving from a scan and the operator's edits never interleave their writes.
  const queues = new Map<string, Promise<unknown>>();
  let lastTouched: string | null = null;
  // Thumbnails as data URLs by file: a file is written once per rendering, and the panel asks for the view every second.
  const thumbnails = new Map<string, string>();

  const dirOf = (batchId: string) => join(options.folder, batchId);
  const labelOf = (batchId: string, relative: string) => `scans/${batchId}/${relative}`;
  const sealedAs = (batchId: string, relative: string, bytes: Uint8Array) => options.sealer.seal(bytes, labelOf(batchId, relative));
  /** A raw page is plaintext from the scanner until addPage seals it; batches from before encryption stay readable. */
  async function readSealed(batchId: string, relative: string): Promise<Buffer> {
    return openIfSealed(options.sealer, await readFile(join(dirOf(batchId), relative)), labelOf(batchId, relative));
  }

  function serialised<T>(batchId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(batchId) ?? Promise.resolve();
    const next = previous.then(work, work);
    queues.set(batchId, next.catch(() => undefined));
    return next;
  }

  async function load(batchId: string): Promise<BatchRecord> {
    if (!idPattern.test(batchId)) throw new HostError('scan.unknownBatch');
    lastTouched = batchId;
    const cached = batches.get(batchId);
    if (cached) return cached;
    const text = await readSealed(batchId, 'batch.json').catch(() => {
      throw new HostError('scan.unknownBatch');
    });
    const record = JSON.parse(text.toString('utf8')) as BatchRecord;
    // A job that was running when the host stopped is over; its pages are all here.
    if (isJobRunning(record.job)) record.job = { ...record.job, state: 'failed', problems: [...record.job.problems, { code: 'scan.interrupted', subject: '' }] };
    batches.set(batchId, record);
    return record;
  }

  const save = (record: BatchRecord) => writeFileAtomically(join(dirOf(record.batchId), 'batch.json'), sealedAs(record.batchId, 'batch.json', Buffer.from(JSON.stringify(record))));

  /** `raw`: the page's raw plaintext when the caller has it in hand already (addPage), else read from disk. */
  async function render(record: BatchRecord, page: Omit<PageRecord, 'rendered'>, raw?: Uint8Array): Promise<PageRecord['rendered']> {
    const profile = scanProfiles[record.profile];
    const processed = await processPage(raw ?? (await readSealed(record.batchId, page.raw)), profile, page.dpi, { rotation: page.rotation, applyDeskew: profile.deskew && !page.deskewUndone });
    const stem = `${page.id}-${page.rotation}${page.deskewUndone ? '-straight' : ''}`;
    const image = `out/${stem}.${processed.image.format === 'g4' ? 'tif' : 'jpg'}`;
    const thumbnail = `thumbs/${stem}.jpg`;
    await writeFile(join(dirOf(record.batchId), image), sealedAs(record.batchId, image, processed.image.format === 'g4' ? processed.image.tiff : processed.image.jpeg));
    await writeFile(join(dirOf(record.batchId), thumbnail), sealedAs(record.batchId, thumbnail, processed.thumbnailJpeg));
    return {
      image,
      format: processed.image.format,
      ...(processed.image.format === 'jpeg' ? { channels: processed.image.channels } : {}),
      thumbnail,
      bytes: processed.bytes,
      widthPx: processed.widthPx,
      heightPx: processed.heightPx,
      deskewDegrees: processed.analysis.deskewDegrees,
      blank: profile.dropBlankPages && processed.analysis.blank,
    };
  }

  /** `before`: the id of the page it goes in front of; at the end when absent or gone. */
  async function addPage(record: BatchRecord, raw: string, dpi: number, origin: string, before?: string): Promise<void> {
    // Sealed in place (atomically: it is the page's only copy) before anything else reads it.
    const delivered = await readFile(join(dirOf(record.batchId), raw));
    if (!isSealed(delivered)) await writeFileAtomically(join(dirOf(record.batchId), raw), sealedAs(record.batchId, raw, delivered));
    const base = { id: randomUUID(), raw, dpi, origin, rotation: 0 as Rotation, deskewUndone: false, keepBlank: false, splitBefore: false };
    // Rendered from the bytes just read: the page is not read back (and opened) from disk a second time.
    const page = { ...base, rendered: await render(record, base, openIfSealed(options.sealer, delivered, labelOf(record.batchId, raw))) };
    const at = before === undefined ? -1 : record.pages.findIndex((candidate) => candidate.id === before);
    if (at < 0) record.pages.push(page);
    else {
      // The new page takes over the place, document boundary included.
      page.splitBefore = record.pages[at]!.splitBefore;
      record.pages[at]!.splitBefore = false;
      record.pages.splice(at, 0, page);
    }
    record.job = { ...record.job, done: record.job.done + 1 };
    await save(record);
  }

  async function viewOf(record: BatchRecord): Promise<BatchView> {
    let documentIndex = 0;
    const pages: PageView[] = [];
    for (const [index, page] of record.pages.entries()) {
      if (page.splitBefore && index > 0) documentIndex += 1;
      pages.push({
        id: page.id,
        thumbnail: await thumbnailOf(record, page),
        bytes: page.rendered.bytes,
        widthPx: page.rendered.widthPx,
        heightPx: page.rendered.heightPx,
        rotation: page.rotation,
        deskewDegrees: page.rendered.deskewDegrees,
        deskewUndone: page.deskewUndone,
        blank: page.rendered.blank,
        keepBlank: page.keepBlank,
        document: documentIndex,
        origin: page.origin,
      });
    }
    return { batchId: record.batchId, profile: record.profile, pages, job: record.job };
  }

  async function thumbnailOf(record: BatchRecord, page: PageRecord): Promise<string> {
    const path = join(dirOf(record.batchId), page.rendered.thumbnail);
    let url = thumbnails.get(path);
    if (!url) {
      url = `data:image/jpeg;base64,${(await readSealed(record.batchId, page.rendered.thumbnail)).toString('base64')}`;
      thumbnails.set(path, url);
    }
    return url;
  }

  function problemOf(error: unknown, subject: string): JobState['problems'][number] {
    if (error instanceof ScanError) return { code: `scan.${error.code}`, subject, ...(error.detail ? { detail: error.detail } : {}) };
    if (error instanceof ImportProblem) return { code: `import.${error.code}`, subject, ...(error.detail ? { detail: error.detail } : {}) };
    // A refusal of the host's own (a PDF over the document store's limit): the message every host error has.
    if (error instanceof HostError) return { code: `host.${error.code}`, subject, ...(error.detail ? { detail: error.detail } : {}) };
    return { code: 'scan.deviceError', subject, detail: error instanceof Error ? error.message : String(error) };
  }

  async function runScan(record: BatchRecord, device: ScanDevice, source: ScannerSource, input: ScanRequest['input'], placement: ScanPlacement, signal: AbortSignal): Promise<void> {
    const profile = scanProfiles[record.profile];
    const rawDir = join(dirOf(record.batchId), 'raw', randomUUID());
    let state: JobState['state'] = 'done';
    const problems: JobState['problems'] = [];
    try {
      await mkdir(rawDir, { recursive: true });
      const anchor = placement.kind === 'append' ? undefined : placement.pageId;
      let replaced = placement.kind !== 'replace';
      for await (const raw of source.scan(device, { input, ...profile.capture }, rawDir, signal)) {
        const relative = raw.path.slice(dirOf(record.batchId).length + 1);
        await serialised(record.batchId, async () => {
          await addPage(record, relative, raw.dpi, device.name, anchor);
          // The old page goes only once its replacement is here: a re-scan that jams loses nothing.
          if (!replaced && anchor) {
            replaced = true;
            const index = record.pages.findIndex((page) => page.id === anchor);
            if (index >= 0) record.pages.splice(index, 1);
            await save(record);
          }
        });
      }
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof ScanError && error.code === 'cancelled');
      state = cancelled ? 'cancelled' : 'failed';
      if (!cancelled) problems.push(problemOf(error, device.name));
    } finally {
      jobs.delete(record.batchId);
    }
    await serialised(record.batchId, async () => {
      record.job = { ...record.job, state, problems: [...record.job.problems, ...problems] };
      await save(record);
    });
  }

  function pageIndex(record: BatchRecord, pageId: string): number {
    const index = record.pages.findIndex((page) => page.id === pageId);
    if (index < 0) throw new HostError('scan.unknownPage');
    return index;
  }

  async function applyEdit(record: BatchRecord, edit: PageEdit): Promise<void> {
    const index = pageIndex(record, edit.pageId);
    const page = record.pages[index]!;
    switch (edit.op) {
      case 'rotate':
        page.rotation = (((page.rotation + edit.degrees) % 360) + 360) % 360 as Rotation;
        page.rendered = await render(record, page);
        break;
      case 'toggleDeskew':
        page.deskewUndone = !page.deskewUndone;
        page.rendered = await render(record, page);
        break;
      case 'toggleKeepBlank':
        page.keepBlank = !page.keepBlank;
        break;
      case 'toggleSplit':
        page.splitBefore = index > 0 && !page.splitBefore;
        break;
      case 'delete':
        record.pages.splice(index, 1);
        if (index === 0 && record.pages[0]) record.pages[0].splitBefore = false;
        break;
      case 'move': {
        record.pages.splice(index, 1);
        record.pages.splice(Math.min(edit.toIndex, record.pages.length), 0, page);
        if (record.pages[0]) record.pages[0].splitBefore = false;
        break;
      }
    }
    await save(record);
  }

  function documentsOf(record: BatchRecord): PageRecord[][] {
    const documents: PageRecord[][] = [];
    for (const page of record.pages) {
      if (page.splitBefore || documents.length === 0) documents.push([]);
      if (!page.rendered.blank || page.keepBlank) documents[documents.length - 1]!.push(page);
    }
    return documents.filter((pages) => pages.length > 0);
  }

  async function partOf(record: BatchRecord, page: PageRecord): Promise<PdfPart> {
    const bytes = await readSealed(record.batchId, page.rendered.image);
    const image: PageImage = page.rendered.format === 'g4' ? { format: 'g4', tiff: bytes } : { format: 'jpeg', jpeg: bytes, channels: page.rendered.channels ?? 3 };
    return { kind: 'image', image, widthPx: page.rendered.widthPx, heightPx: page.rendered.heightPx, dpi: page.dpi };
  }

  return {
    async open(profile) {
      const batchId = randomUUID();
      const record: BatchRecord = { batchId, profile, pages: [], job: { state: 'idle', done: 0, total: null, problems: [] } };
      await mkdir(join(dirOf(batchId), 'out'), { recursive: true });
      await mkdir(join(dirOf(batchId), 'thumbs'), { recursive: true });
      await save(record);
      batches.set(batchId, record);
      lastTouched = batchId;
      return viewOf(record);
    },
    async view(batchId) {
      return viewOf(await load(batchId));
    },
    async scan(batchId, device, source, input, placement = { kind: 'append' }) {
      const record = await load(batchId);
      if (isJobRunning(record.job)) throw new HostError('scan.busy');
      const controller = new AbortController();
      jobs.set(batchId, controller);
      await serialised(batchId, async () => {
        record.job = { state: 'scanning', done: 0, total: null, problems: [] };
        await save(record);
      });
      void runScan(record, device, source, input, placement, controller.signal);
      return viewOf(record);
    },
    async importFile(batchId, file) {
      const record = await load(batchId);
      return serialised(batchId, async () => {
        let document: FinishedDocument | undefined;
        try {
          const inspected = await inspectImport(file.bytes, { fileName: file.fileName });
          if (inspected.kind === 'pdf') {
            // Kept as it came: an applicant's PDF may carry its own signatures and text.
            const stored = await options.documents.put(file.bytes);
            document = { ...stored, pageCount: inspected.pages, fileName: file.fileName, mimeType: 'application/pdf' };
          } else {
            // Problems add up over the files of one drop or pick; the next scan starts afresh.
            record.job = { state: 'importing', done: 0, total: inspected.pages, problems: [...record.job.problems, ...inspected.notices.map((code) => ({ code: `import.${code}`, subject: file.fileName }))] };
            await save(record);
            const rawDir = `raw/${randomUUID()}`;
            await mkdir(join(dirOf(batchId), rawDir), { recursive: true });
            // A long multi-page TIFF can be stopped between pages, like a scan.
            const controller = new AbortController();
            jobs.set(batchId, controller);
            try {
              for (let index = 0; index < inspected.pages && !controller.signal.aborted; index++) {
                const raw = `${rawDir}/page-${String(index + 1).padStart(4, '0')}.png`;
                const { dpi } = await extractImagePage(file.bytes, index, join(dirOf(batchId), raw));
                await addPage(record, raw, dpi ?? inspected.dpi ?? scanProfiles[record.profile].capture.dpi, inspected.pages > 1 ? `${file.fileName} · ${index + 1}` : file.fileName);
              }
            } finally {
              jobs.delete(batchId);
            }
            record.job = { ...record.job, state: controller.signal.aborted ? 'cancelled' : 'done' };
          }
        } catch (error) {
          // The refused file is named in the batch; the pages already there stay as they were.
          record.job = { ...record.job, state: 'failed', problems: [...record.job.problems, problemOf(error, file.fileName)] };
        }
        await save(record);
        return { view: await viewOf(record), ...(document ? { document } : {}) };
      });
    },
    async cancel(batchId) {
      const record = await load(batchId);
      jobs.get(batchId)?.abort();
      return viewOf(record);
    },
    async edit(batchId, edit) {
      const record = await load(batchId);
      return serialised(batchId, async () => {
        await applyEdit(record, edit);
        return viewOf(record);
      });
    },
    async finish(batchId, metadata) {
      const record = await load(batchId);
      if (isJobRunning(record.job)) throw new HostError('scan.busy');
      // After any edit or import still being written, never beside it.
      const finished = await serialised(batchId, async () => {
        const documents = documentsOf(record);
        if (documents.length === 0) throw new HostError('scan.noPages');
        const made: FinishedDocument[] = [];
        for (const [index, pages] of documents.entries()) {
          const parts: PdfPart[] = [];
          for (const page of pages) parts.push(await partOf(record, page));
          const suffix = documents.length > 1 ? ` (${index + 1})` : '';
          const pdf = await assemblePdf(parts, { title: `${metadata.title}${suffix}`, subject: metadata.subject, author: metadata.author, creationDate: now() });
          const stored = await options.documents.put(pdf);
          made.push({ ...stored, pageCount: pages.length, fileName: `${safeFileName(metadata.title)}${suffix ? `-${index + 1}` : ''}.pdf`, mimeType: 'application/pdf' });
        }
        return made;
      });
      await this.discard(batchId);
      return finished;
    },
    async discard(batchId) {
      if (!idPattern.test(batchId)) throw new HostError('scan.unknownBatch');
      jobs.get(batchId)?.abort();
      batches.delete(batchId);
      queues.delete(batchId);
      for (const path of thumbnails.keys()) if (path.startsWith(dirOf(batchId))) thumbnails.delete(path);
      if (lastTouched === batchId) lastTouched = null;
      await rm(dirOf(batchId), { recursive: true, force: true });
    },
    current: () => lastTouched,
    sweep: (open, startedAt) => sweepFolderEntries(options.folder, (batchId) => open.has(batchId) || batches.has(batchId), startedAt),
  };
}

function safeFileName(title: string): string {
  // Characters no file system takes, control characters included.
  const cleaned = [...title].map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? ' ' : char)).join('');
  return cleaned.replace(/\s+/g, ' ').trim().slice(0, 80) || 'document';
}
