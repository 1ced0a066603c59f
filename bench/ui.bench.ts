/**
 * Request list benchmark (issue: the home screen over every local request). The built renderer in Debian's Chromium
 * against a browser-mode workstation, with N realistic requests (default 100,000) written into its IndexedDB.
 * Ours: search as you type, from the input event to the query's count and rows on screen (the list marks the grid
 * with the query it shows), over ≥ 50 queries of every kind. Reference, in the same page and run: raw IndexedDB,
 * `index.getAll` over the same index and key range for the same queries. Also: reload to an interactive list, and
 * the gzip size of the scripts index.html loads first.
 * Targets: ratio ≤ 3, p95 < 50 ms, initial JS ≤ 350 KB.
 */
import { rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';
import type { RequestRow } from '../renderer/src/db/database';
import type { FieldCipher } from '../renderer/src/db/fieldCrypto';
import { classifyQuery } from '../renderer/src/db/requestSearch';
import { blindPurpose, iinKeyOf, keyedIinPrefixLength, NAME_PREFIX_MAX } from '../renderer/src/db/searchKeys';
import { buildRenderer, buildWeb } from '../scripts/buildApp';
import { OPERATOR, setUpOrLogIn } from '../test/support/operator';
import { startWorkstation, stopProcess, tempDir } from '../test/support/processes';
import { seedRequests, syntheticRequests, workstationCipher } from '../test/support/requestSeed';
import { resultLine } from './measure';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const OFFICE = 'ALM-07';
/** Nothing listens there: the workstation works offline, as it normally may. */
const NO_GATEWAY = 'http://127.0.0.1:9';
const WARM_UP = 5;

interface RawQuery {
  index: string;
  lower: unknown;
  upper: unknown;
}

/** Typed queries of every kind, drawn from the seeded requests so each finds something. */
function typedQueries(rows: RequestRow[], perKind: number): string[] {
  const step = Math.max(1, Math.floor(rows.length / perKind));
  const sample = Array.from({ length: perKind }, (_, i) => rows[(i * step + 17) % rows.length]!);
  const registered = rows.filter((row) => row.registrationNumber);
  const surnames = [...new Set(rows.map((row) => row.applicant.surname))];
  return [
    ...sample.map((row) => row.applicantIin),
    ...sample.map((row, i) => row.applicantIin.slice(0, 4 + (i % 5))),
    ...sample.map((_, i) => {
      const surname = surnames[i % surnames.length]!;
      const cut = surname.slice(0, 3 + (i % 4));
      return i % 2 ? cut.toUpperCase() : cut.toLowerCase();
    }),
    ...sample.map((row, i) => (i % 3 ? row.localNumber : row.localNumber.slice(0, -5))),
    ...sample.map((_, i) => registered[(i * 97) % registered.length]!.registrationNumber!),
  ];
}

/** The same query as a plain key range on the index our search reads, its blind keys computed with the workstation's keys. */
function rawQueryOf(text: string, cipher: FieldCipher): RawQuery {
  const query = classifyQuery(text);
  const searchKey = (purpose: string, value: string) => {
    const key = cipher.blindKey(purpose, value);
    return { index: 'searchKeys', lower: key, upper: key };
  };
  switch (query.kind) {
    case 'iin': {
      const iinKey = iinKeyOf(query.digits, cipher);
      return query.exact ? { index: '[iinKey+createdAt]', lower: [iinKey, ''], upper: [iinKey, '\uffff'] } : searchKey(blindPurpose.iinPrefix, query.digits.slice(0, keyedIinPrefixLength(query.digits)));
    }
    case 'name':
      return searchKey(blindPurpose.namePrefix, query.prefix.slice(0, NAME_PREFIX_MAX));
    case 'localNumber':
    case 'registrationNumber':
      return { index: query.kind, lower: query.prefix, upper: `${query.prefix}\uffff` };
    case 'all':
      throw new Error('every benchmark query has a key');
  }
}

/** Types one query the way a keystroke does (one input event) and times it until its answer is on screen. */
function timeSearch(page: Page, text: string): Promise<{ ms: number; count: number }> {
  return page.evaluate(
    (text) =>
      new Promise<{ ms: number; count: number }>((resolve) => {
        const input = document.getElementById('request-search') as HTMLInputElement;
        const grid = document.getElementById('request-grid')!;
        let start = 0;
        const observer = new MutationObserver(() => {
          if (grid.dataset.shownQuery !== text) return;
          const ms = performance.now() - start;
          observer.disconnect();
          resolve({ ms, count: Number(document.querySelector<HTMLElement>('[data-testid="request-count"]')!.dataset.count) });
        });
        observer.observe(grid, { attributes: true, attributeFilter: ['data-shown-query'] });
        // React listens for the input event of a value set through the native setter.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
        start = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    text,
  );
}

/** The reference: one getAll per query on its own connection, timed from the transaction to the values. */
function timeRaw(page: Page, queries: RawQuery[]): Promise<{ ms: number; count: number }[]> {
  return page.evaluate(
    (queries) =>
      new Promise<{ ms: number; count: number }[]>((resolve, reject) => {
        const open = indexedDB.open('qabyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const timings: { ms: number; count: number }[] = [];
          for (const query of queries) {
            timings.push(
              await new Promise<{ ms: number; count: number }>((done, fail) => {
                const start = performance.now();
                const request = db
                  .transaction('requests')
                  .objectStore('requests')
                  .index(query.index)
                  .getAll(IDBKeyRange.bound(query.lower, query.upper));
                request.onsuccess = () => done({ ms: performance.now() - start, count: request.result.length });
                request.onerror = () => fail(request.error);
              }),
            );
          }
          db.close();
          resolve(timings);
        };
      }),
    queries,
  );
}

interface ListMarks {
  login?: number;
  desk?: number;
  list?: number;
}
type MarkedWindow = Window & { listMarks: ListMarks };

/** Runs in the page before its scripts: notes when the login form, the desk and the interactive list appear. */
function markListReady() {
  const marks: ListMarks = {};
  (window as unknown as MarkedWindow).listMarks = marks;
  const check = () => {
    const focused = document.activeElement?.id;
    marks.login ??= focused === 'login-login' ? performance.now() : undefined;
    marks.desk ??= document.getElementById('new-request') ? performance.now() : undefined;
    if (marks.desk !== undefined && focused === 'request-search' && document.querySelector('#request-grid[data-shown-query] [role="row"][data-index]')) {
      marks.list ??= performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('focusin', check);
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

/** Gzip bytes of the entry script and its modulepreloads: what runs before the first screen. */
async function initialScriptBytes(): Promise<number> {
  const dist = join(repoRoot, 'dist/renderer');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1] ?? match[2]!);
  let bytes = 0;
  for (const source of sources) bytes += gzipSync(await readFile(join(dist, source))).length;
  return bytes;
}

export async function run(options: { requests?: number; queriesPerKind?: number } = {}): Promise<string> {
  const count = options.requests ?? 100_000;
  const perKind = options.queriesPerKind ?? 12;
  // The workstation runs from its bundle (dist/web), built from these sources as the end-to-end tests build it.
  await Promise.all([buildRenderer(), buildWeb()]);
  const dataDir = await tempDir('qabyl-bench-ui-');
  const workstation = await startWorkstation(dataDir, NO_GATEWAY);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await setUpOrLogIn(page, workstation.launchUrl);
    const rows = syntheticRequests({ count, officeCode: OFFICE, now: Date.now() });
    await seedRequests(page, rows);
    const cipher = await workstationCipher(page);

    // A reload asks for the password again: the list's time is the page's own, from the navigation to the login
    // form, plus from the desk's first paint to rows and a focused search box; the login itself is left out.
    // tsx compiles with keepNames, wrapping named functions in __name(), which the page does not have.
    await page.addInitScript('globalThis.__name = (fn) => fn');
    await page.addInitScript(markListReady);
    await page.reload();
    await page.locator('#login-login').fill(OPERATOR.login);
    await page.locator('#login-password').fill(OPERATOR.password);
    await page.keyboard.press('Enter');
    const marks = await page.waitForFunction(() => (window as unknown as MarkedWindow).listMarks.list && (window as unknown as MarkedWindow).listMarks).then((handle) => handle.jsonValue() as Promise<ListMarks>);
    const listMs = marks.login! + (marks.list! - marks.desk!);

    const queries = typedQueries(rows, perKind);
    for (const text of queries.slice(-WARM_UP).reverse()) await timeSearch(page, text);
    const ours: number[] = [];
    for (const [i, text] of queries.entries()) {
      // Two equal texts in a row would not change the list; every query differs from the one before.
      const typed = i > 0 && queries[i - 1] === text ? `${text} ` : text;
      const { ms, count: shown } = await timeSearch(page, typed);
      if (shown === 0) throw new Error(`query ${typed} found nothing`);
      ours.push(ms);
    }
    const raw = await timeRaw(page, queries.map((text) => rawQueryOf(text, cipher)));
    const oursP95 = p95(ours);
    const rawP95 = p95(raw.map((timing) => timing.ms));
    return resultLine(
      'ui',
      oursP95 / rawP95,
      { p95_ms: oursP95, raw_p95_ms: rawP95, list_ms: listMs, initial_js_kb: (await initialScriptBytes()) / 1024, requests: count },
      `search-as-you-type p95 over ${queries.length} queries (IIN exact/prefix, surname prefix, local number, registration number), input event to count and rows on screen, over raw IndexedDB index.getAll on the same index and key range, p95`,
    );
  } finally {
    await browser.close();
    await stopProcess(workstation.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}
