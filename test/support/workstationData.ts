/**
 * What end-to-end tests read and write behind the UI: host calls over the browser-mode bridge with the page's
 * own token, the app's IndexedDB tables, signed-looking requests queued straight into the store of record, and
 * what the sandbox gateway holds on disk.
 */
import type { Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withCheckDigit } from '../../shared/identity/iin';
import { OPERATOR } from './operator';
import { buildRequestXml } from '../../shared/request/requestDocument';
import { sampleRequestDocument } from '../../shared/request/requestDocument.testkit';
import { newOutboxEntry, type OutboxEntry } from '../../shared/sync/outbox';

/** A host call over the browser-mode bridge, as the page makes it. */
export async function hostCall(launchUrl: string, method: string, args: unknown): Promise<unknown> {
  const url = new URL(launchUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

/**
 * Operator calls (storing files, scan batches) need an operator logged in at the host, whatever the page shows:
 * the test operator, set up first on a fresh workstation.
 */
export async function logInAtHost(launchUrl: string): Promise<void> {
  const { login, fullName, iin, password } = OPERATOR;
  const { hasOperators } = (await hostCall(launchUrl, 'operators.status', {})) as { hasOperators: boolean };
  if (hasOperators) await hostCall(launchUrl, 'operators.login', { login, password });
  else await hostCall(launchUrl, 'operators.create', { login, fullName, iin, password });
}

/** Every row of these tables of the app's IndexedDB, as stored, read in one transaction (so at one moment). */
export async function readTables(page: Page, tables: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  const rows = await page.evaluate(
    (names) =>
      new Promise<Record<string, Record<string, unknown>[]>>((resolve, reject) => {
        const open = indexedDB.open('qabyl');
        // The app creates its database at the first login: before that there is nothing to read, and the test must
        // not create an empty one under it (its upgrade is aborted, so the open fails and nothing is left behind).
        let absent = false;
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction?.abort();
        };
        open.onerror = () => (absent ? resolve(Object.fromEntries(names.map((name) => [name, []]))) : reject(open.error));
        open.onsuccess = () => {
          try {
            const tx = open.result.transaction(names);
            const rows: Record<string, Record<string, unknown>[]> = {};
            for (const name of names) {
              const get = tx.objectStore(name).getAll();
              // Sealed columns are bytes, which do not cross to the test as they are; an array of numbers does.
              get.onsuccess = () => (rows[name] = (get.result as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Uint8Array ? { bytes: Array.from(value) } : value]))));
            }
            tx.oncomplete = () => (open.result.close(), resolve(rows));
            tx.onerror = () => reject(tx.error);
          } catch (error) {
            // A store the database does not have: said, not left hanging.
            open.result.close();
            reject(error);
          }
        };
      }),
    tables,
  );
  const revived = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, isBytes(value) ? Uint8Array.from(value.bytes) : value]));
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map(revived)]));
}

const isBytes = (value: unknown): value is { bytes: number[] } => typeof value === 'object' && value !== null && Array.isArray((value as { bytes?: unknown }).bytes);

/** Every row of one table of the app's IndexedDB, as stored. */
export async function readTable<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return (await readTables(page, [table]))[table] as T[];
}

export const readOutbox = (page: Page) => readTable<OutboxEntry>(page, 'outbox');

export interface Seeded {
  id: string;
  attachments: { sha256: string; size: number }[];
}

/**
 * Requests as the operator would have queued them: stored files, then the request row (signed, with its signer
 * and acceptance moment) and its outbox entry in one transaction, as queueSignedRequest leaves them.
 */
export async function seedQueuedRequests(page: Page, launchUrl: string, options: { count: number; random: () => number; maxFileBytes?: number; label?: string }): Promise<Seeded[]> {
  const { count, random, maxFileBytes = 62_000, label = 'CHAOS' } = options;
  const seeded: Seeded[] = [];
  const requests: unknown[] = [];
  const outbox: OutboxEntry[] = [];
  const now = Date.now();
  await logInAtHost(launchUrl);
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const files = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomBytes(2_000 + Math.floor(random() * (maxFileBytes - 2_000))));
    const attachments = [];
    for (const [n, bytes] of files.entries()) {
      const stored = (await hostCall(launchUrl, 'documents.put', { contentBase64: bytes.toString('base64') })) as { sha256: string; size: number };
      attachments.push({ ...stored, fileName: `scan-${n + 1}.pdf`, mimeType: 'application/pdf' });
    }
    const iin = withCheckDigit(`9001013${String(1000 + (i % 9000)).padStart(4, '0')}`) ?? withCheckDigit('90010130999')!;
    const at = new Date(now).toISOString();
    const signedXml = buildRequestXml(sampleRequestDocument({ submissionId: id, attachments, createdAt: at }));
    requests.push({
      id,
      localNumber: `${label}-${String(i + 1).padStart(4, '0')}-${id.slice(0, 4)}`,
      catalogVersion: '2026.11.1',
      serviceId: 'chaos',
      requestKind: 'issue',
      operatorId: 'chaos',
      applicantIin: iin,
      applicant: { surname: 'Хаос', givenName: 'Тест', patronymic: '' },
      nameKey: 'хаос тест',
      form: {},
      applicantVerified: true,
      status: 'queued',
      signedXml,
      signer: { iin: '900101400017', commonName: 'CHAOS', serialNumber: '1', notAfter: '2030-01-01T00:00:00Z' },
      acceptedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    outbox.push(newOutboxEntry({ id, requestId: id, now: now + i, payload: { signedXml, attachments: attachments.map(({ sha256, fileName, mimeType }) => ({ sha256, fileName, mimeType })) } }));
    seeded.push({ id, attachments: attachments.map(({ sha256, size }) => ({ sha256, size })) });
  }
  await page.evaluate(
    ({ requests, outbox }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('qabyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['requests', 'outbox'], 'readwrite');
          for (const row of requests) tx.objectStore('requests').add(row);
          for (const row of outbox) tx.objectStore('outbox').add(row);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { requests, outbox },
  );
  return seeded;
}

export interface GatewaySubmission {
  submissionId: string;
  registrationNumber: string;
  attachments: { sha256: string; size: number }[];
}

/** The submissions the sandbox has committed, one file each, as it keeps them. */
export async function gatewaySubmissions(sandboxDataDir: string): Promise<GatewaySubmission[]> {
  const dir = join(sandboxDataDir, 'submissions');
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(names.filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as GatewaySubmission));
}
