import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEsclStandIn, standInPageNumber, type EsclStandIn, type EsclStandInOptions } from '../../../../test/escl/esclStandIn';
import { freePort } from '../../../../test/support/processes';
import type { RawPage, ScanDevice, ScanRequest } from '../scanTypes';
import { collectScan } from './scanRun.testkit';
import { createEsclSource, type EsclSourceOptions } from './esclSource';

let workDir: string;
let standIn: EsclStandIn | undefined;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'escl-source-'));
});

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  await rm(workDir, { recursive: true, force: true });
});

async function scanner(options: EsclStandInOptions = {}): Promise<EsclStandIn> {
  standIn = await startEsclStandIn(options);
  return standIn;
}

const deviceAt = (url: string): ScanDevice => ({ id: `escl:${url}`, kind: 'escl', name: 'stand-in', inputs: ['platen', 'feeder'] });
const feeder: ScanRequest = { input: 'feeder', colorMode: 'gray', dpi: 300 };
const quick = (overrides: Partial<EsclSourceOptions> = {}) => createEsclSource({ devices: [], retries: { delayMs: 10 }, ...overrides });


async function expectPages(pages: RawPage[], numbers: number[]): Promise<void> {
  expect(pages.map((page) => page.seq)).toEqual(numbers);
  for (const page of pages) {
    expect(page.path).toBe(join(workDir, `page-${String(page.seq).padStart(4, '0')}.jpg`));
    expect((await sharp(page.path).metadata()).format).toBe('jpeg');
    expect(await standInPageNumber(page.path)).toBe(page.seq);
  }
}

const nextDocumentCalls = (standIn: EsclStandIn) => standIn.stats.requests.filter((line) => line.endsWith('/NextDocument')).length;

describe('eSCL source: scanning', () => {
  it('brings a three-page feeder batch in order, as JPEG files, and deletes the job', async () => {
    const { url, stats } = await scanner({ pages: 3 });
    const { pages, error } = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(error).toBeUndefined();
    await expectPages(pages, [1, 2, 3]);
    expect(pages.every((page) => page.mimeType === 'image/jpeg' && page.dpi === 300)).toBe(true);
    expect(stats.lastScanSettings).toMatch(/<pwg:InputSource>Feeder<\/pwg:InputSource>[\s\S]*<scan:ColorMode>Grayscale8</);
    expect(stats.lastScanSettings).toMatch(/<pwg:Width>2480<\/pwg:Width><pwg:Height>3508<\/pwg:Height>/);
    expect(stats.lastScanSettings).toContain('<scan:XResolution>300</scan:XResolution>');
    expect(stats.requests.at(-1)).toMatch(/^DELETE \/eSCL\/ScanJobs\//);
    expect(stats.jobsDeleted).toBe(1);
  });

  it('scans one colour page from the platen without asking for a second', async () => {
    const { url, stats } = await scanner({ faults: { relativeLocation: true } });
    const { pages, error } = await collectScan(quick().scan(deviceAt(url), { input: 'platen', colorMode: 'color', dpi: 200 }, workDir, new AbortController().signal));
    expect(error).toBeUndefined();
    await expectPages(pages, [1]);
    expect(stats.lastScanSettings).toMatch(/<pwg:InputSource>Platen<\/pwg:InputSource>[\s\S]*<scan:ColorMode>RGB24</);
    expect(nextDocumentCalls(standIn!)).toBe(1);
    expect(stats.jobsDeleted).toBe(1);
  });

  it('waits out "not ready" answers, and gives up with timeout when they do not end', async () => {
    const { url } = await scanner({ pages: 3, faults: { notReady: { beforePage: 2, times: 3 } } });
    const patient = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(patient.error).toBeUndefined();
    await expectPages(patient.pages, [1, 2, 3]);
    expect(nextDocumentCalls(standIn!)).toBe(3 + 3 + 1);

    standIn!.setFaults({ notReady: { beforePage: 1, times: 100 } });
    const impatient = await collectScan(quick({ retries: { delayMs: 10, nextDocument: 4 } }).scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(impatient.error?.code).toBe('timeout');
    expect(impatient.pages).toEqual([]);
    expect(standIn!.stats.jobsDeleted).toBe(2);
  });

  it('keeps pages 1–2 when the feeder jams after page 2', async () => {
    const { url, stats } = await scanner({ pages: 5, faults: { feederFault: { afterPage: 2, adfState: 'ScannerAdfJam' } } });
    const { pages, error } = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(error?.code).toBe('paperJam');
    await expectPages(pages, [1, 2]);
    expect(stats.jobsDeleted).toBe(1);
  });

  it('reports an open cover, an empty feeder, and an error the status does not explain', async () => {
    const { url } = await scanner({ pages: 3, faults: { feederFault: { afterPage: 0, adfState: 'ScannerAdfHatchOpen' } } });
    const source = quick();
    const coverOpen = await collectScan(source.scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(coverOpen).toEqual({ pages: [], error: expect.objectContaining({ code: 'coverOpen' }) });

    // A 500 while the feeder is loaded (in the common misspelling) is the scanner's fault, not the paper's.
    standIn!.setFaults({ feederFault: { afterPage: 1, adfState: 'ScannerAdfLoaded' } });
    const unexplained = await collectScan(source.scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(unexplained.error?.code).toBe('deviceError');
    await expectPages(unexplained.pages, [1]);

    await standIn!.close();
    const { url: emptyUrl } = await scanner({ pages: 0 });
    const empty = await collectScan(source.scan(deviceAt(emptyUrl), feeder, workDir, new AbortController().signal));
    expect(empty.error?.code).toBe('feederEmpty');
  });

  it('retries a busy scanner a few times, then reports busy', async () => {
    const { url, stats } = await scanner({ pages: 1, faults: { busyJobs: 2 } });
    const source = quick({ retries: { delayMs: 10, createJob: 3 } });
    const { pages } = await collectScan(source.scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(pages).toHaveLength(1);

    standIn!.setFaults({ busyJobs: 1_000 });
    const storm = await collectScan(source.scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(storm.error?.code).toBe('busy');
    expect(stats.jobsCreated).toBe(1);
    expect(stats.requests.filter((line) => line === 'POST /eSCL/ScanJobs')).toHaveLength(3 + 3);
  });

  it('reports offline when the scanner vanishes between pages, keeping the pages already delivered', async () => {
    const { url } = await scanner({ pages: 5, faults: { vanish: { afterPage: 2 } } });
    const { pages, error } = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(error?.code).toBe('offline');
    await expectPages(pages, [1, 2]);
  });

  it('reports offline when the scanner vanishes in the middle of a page, leaving no half page behind', async () => {
    const { url } = await scanner({ pages: 5, faults: { vanish: { afterPage: 1, midPage: true } } });
    const { pages, error } = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(error?.code).toBe('offline');
    await expectPages(pages, [1]);
    expect(existsSync(join(workDir, 'page-0002.jpg'))).toBe(false);
  });

  it('accepts a slow page that keeps trickling, and times out on one that stalls', async () => {
    const { url } = await scanner({ pages: 3, faults: { slowPage: { page: 2, pieceDelayMs: 40 } } });
    const slow = await collectScan(quick({ timeouts: { documentIdleMs: 400 } }).scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(slow.error).toBeUndefined();
    await expectPages(slow.pages, [1, 2, 3]);

    standIn!.setFaults({ slowPage: { page: 2, pieceDelayMs: 500 } });
    const stalled = await collectScan(quick({ timeouts: { documentIdleMs: 150 } }).scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(stalled.error?.code).toBe('timeout');
    await expectPages(stalled.pages, [1]);
    expect(existsSync(join(workDir, 'page-0002.jpg'))).toBe(false);
    expect(standIn!.stats.jobsDeleted).toBe(2);
  });

  it('stops on the abort signal between pages and mid-page, deleting the job each time', async () => {
    const { url, stats } = await scanner({ pages: 5, faults: { slowPage: { page: 3, pieceDelayMs: 100 } } });
    const betweenPages = new AbortController();
    const first = await collectScan(quick().scan(deviceAt(url), feeder, workDir, betweenPages.signal), () => betweenPages.abort());
    expect(first.error?.code).toBe('cancelled');
    await expectPages(first.pages, [1]);
    expect(stats.jobsDeleted).toBe(1);

    const midPage = new AbortController();
    const second = await collectScan(quick().scan(deviceAt(url), feeder, workDir, midPage.signal), (page) => {
      if (page.seq === 2) setTimeout(() => midPage.abort(), 150);
    });
    expect(second.error?.code).toBe('cancelled');
    await expectPages(second.pages, [1, 2]);
    expect(existsSync(join(workDir, 'page-0003.jpg'))).toBe(false);
    expect(stats.jobsDeleted).toBe(2);
    expect(stats.requests.at(-1)).toMatch(/^DELETE /);
  });
});

describe('eSCL source: discovery', () => {
  it('lists reachable scanners by their root URL, skips an unreachable one, and reads quirky capabilities', async () => {
    const { url } = await scanner({ makeAndModel: 'HP LaserJet MFP M426fdw', faults: { lowercaseDoctype: true } });
    const flatbed = await startEsclStandIn({ inputs: ['platen'] });
    try {
      const unreachable = `http://127.0.0.1:${await freePort()}/eSCL`;
      const devices = await createEsclSource({ devices: [unreachable, `${url}/`, flatbed.url, 'not a url'] }).discover();
      expect(devices).toEqual([
        { id: `escl:${url}`, kind: 'escl', name: 'HP LaserJet MFP M426fdw', inputs: ['platen', 'feeder'] },
        { id: `escl:${flatbed.url}`, kind: 'escl', name: 'Qabyl eSCL stand-in', inputs: ['platen'] },
      ]);
    } finally {
      await flatbed.close();
    }
  });

  it('asks a scanner entered and announced under two spellings of its address once', async () => {
    const { url, stats } = await scanner();
    const { port } = new URL(url);
    const devices = await createEsclSource({ devices: [url, `http://127.0.0.1:${port}/eSCL/`, `HTTP://127.0.0.1:${port}/eSCL`] }).discover();
    expect(devices.map((device) => device.id)).toEqual([`escl:${url}`]);
    expect(stats.requests.filter((request) => request.endsWith('/ScannerCapabilities'))).toHaveLength(1);
  });

  it('refuses a feeder job on a scanner without a feeder', async () => {
    const { url, stats } = await scanner({ inputs: ['platen'] });
    const { error } = await collectScan(quick().scan(deviceAt(url), feeder, workDir, new AbortController().signal));
    expect(error?.code).toBe('unsupported');
    expect(stats.jobsCreated).toBe(0);
  });
});
