/**
 * Chaos test of sync (issue: sync, "Proof"): 300 submissions with attachments go through a fault-injecting
 * proxy on loopback (resets mid-body and mid-response, drops, delays, 503/429, captive portal, truncated JSON)
 * while the engine (the page) and the host process are killed and restarted at random points, 12 times.
 * Afterwards the sandbox must hold each submission exactly once with every attachment byte-identical, and every
 * local record must agree with it.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../../sandbox/seededRandom';
import { withCheckDigit } from '../../shared/identity/iin';
import { buildRequestXml } from '../../shared/request/requestDocument';
import { sampleRequestDocument } from '../../shared/request/requestDocument.testkit';
import { newOutboxEntry, type OutboxEntry } from '../../shared/sync/outbox';
import { startFaultProxy, type FaultProxy } from '../chaos/faultProxy';
import { freePort, SandboxProcess, startWorkstation, stopProcess, tempDir } from '../support/processes';

const SUBMISSIONS = 300;
const KILLS = 12;
const random = seededRandom(20261123);

type Workstation = Awaited<ReturnType<typeof startWorkstation>>;

/** A host call over the browser-mode bridge, as the page makes it. */
async function hostCall(launchUrl: string, method: string, args: unknown): Promise<unknown> {
  const url = new URL(launchUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

interface Seeded {
  id: string;
  attachments: { sha256: string; size: number }[];
}

/** Requests as the operator would have queued them: stored files, the request row and its outbox entry. */
async function seedQueue(page: Page, launchUrl: string): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  const requests: unknown[] = [];
  const outbox: OutboxEntry[] = [];
  const now = Date.now();
  for (let i = 0; i < SUBMISSIONS; i++) {
    const id = randomUUID();
    const files = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomBytes(2_000 + Math.floor(random() * 60_000)));
    const attachments = [];
    for (const [n, bytes] of files.entries()) {
      const stored = (await hostCall(launchUrl, 'documents.put', { contentBase64: bytes.toString('base64') })) as { sha256: string; size: number };
      attachments.push({ ...stored, fileName: `scan-${n + 1}.pdf`, mimeType: 'application/pdf' });
    }
    const iin = withCheckDigit(`9001013${String(1000 + i).padStart(4, '0')}`) ?? withCheckDigit('90010130999')!;
    const signedXml = buildRequestXml(sampleRequestDocument({ submissionId: id, attachments, createdAt: new Date(now).toISOString() }));
    requests.push({
      id,
      localNumber: `CHAOS-${String(i + 1).padStart(4, '0')}`,
      catalogVersion: '2026.11.1',
      serviceId: 'chaos',
      requestKind: 'issue',
      operatorId: 'chaos',
      applicantIin: iin,
      applicant: { surname: 'Хаос', givenName: 'Тест', patronymic: '' },
      form: {},
      applicantVerified: true,
      status: 'queued',
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    });
    outbox.push(newOutboxEntry({ id, requestId: id, now: now + i, payload: { signedXml, attachments: attachments.map(({ sha256, fileName, mimeType }) => ({ sha256, fileName, mimeType })) } }));
    seeded.push({ id, attachments: attachments.map(({ sha256, size }) => ({ sha256, size })) });
  }
  // Straight into the store of record, in one transaction, as queueSignedRequest would leave them.
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

function readOutbox(page: Page): Promise<OutboxEntry[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxEntry[]>((resolve, reject) => {
        const open = indexedDB.open('qabyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('outbox').objectStore('outbox').getAll();
          get.onsuccess = () => (open.result.close(), resolve(get.result as OutboxEntry[]));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function openEngine(context: BrowserContext, launchUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(launchUrl);
  await expect(page.getByTestId('link-state')).toBeVisible();
  return page;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('300 submissions through a faulty link, with the engine and the host killed 12 times: each arrives once, intact', async ({ browser }) => {
  test.setTimeout(28 * 60_000);
  const dataDir = await tempDir('qabyl-chaos-ws-');
  const sandbox = new SandboxProcess(await freePort(), await tempDir('qabyl-chaos-sb-'), join(dataDir, 'training'), { verified: false });
  let proxy: FaultProxy | undefined;
  let workstation: Workstation | undefined;
  const context = await browser.newContext();
  try {
    proxy = await startFaultProxy({
      target: sandbox.url,
      seed: 1123,
      rates: { drop: 0.01, delay: 0.03, resetRequest: 0.03, resetResponse: 0.02, unavailable: 0.03, rateLimited: 0.02, captivePortal: 0.01, truncatedJson: 0.01 },
      maxDelayMs: 1_500,
      retryAfterSeconds: 1,
    });
    const port = await freePort();
    workstation = await startWorkstation(dataDir, proxy.url, port);
    // After the workstation: its training CA signs the sandbox's results, which the host then verifies.
    await sandbox.start();
    let page = await openEngine(context, workstation.launchUrl);
    const seeded = await seedQueue(page, workstation.launchUrl);
    await page.reload();

    const kills = { page: 0, host: 0 };
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(1_500 + random() * 3_500);
      if (kill % 3 === 2) {
        // The whole host dies mid-work (upload, commit, TSA); it comes back on the same origin.
        workstation.child.kill('SIGKILL');
        await page.close();
        workstation = await startWorkstation(dataDir, proxy.url, port);
        kills.host += 1;
      } else {
        // The window is closed mid-run: whatever transaction was open is lost, leases stay behind.
        await page.close({ runBeforeUnload: false });
        kills.page += 1;
      }
      page = await openEngine(context, workstation.launchUrl);
    }

    const settled = new Set(['submitted', 'completed', 'rejected']);
    // The unsettled ones (state, attempts, last error) are the message, so a failure says why.
    await expect
      .poll(async () => (await readOutbox(page)).filter((e) => !settled.has(e.state)).map(({ id, state, attempts, lastError, uploaded, nextAttemptAt }) => ({ id, state, attempts, lastError, uploaded: uploaded.length, dueInMs: nextAttemptAt - Date.now() })), {
        timeout: 20 * 60_000,
        intervals: [5_000],
      })
      .toEqual([]);

    // What the gateway holds: each submission once, each file byte-identical to what was queued.
    const submissionsDir = join(sandbox.dataDir, 'submissions');
    const records = await Promise.all(
      (await readdir(submissionsDir)).filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(join(submissionsDir, f), 'utf8')) as { submissionId: string; registrationNumber: string; attachments: { sha256: string; size: number }[] }),
    );
    expect(records).toHaveLength(SUBMISSIONS);
    expect(new Set(records.map((r) => r.registrationNumber)).size).toBe(SUBMISSIONS);
    const byId = new Map(records.map((r) => [r.submissionId, r]));
    let filesChecked = 0;
    for (const request of seeded) {
      const record = byId.get(request.id);
      expect(record, request.id).toBeDefined();
      expect(record!.attachments.map(({ sha256, size }) => ({ sha256, size }))).toEqual(request.attachments);
      for (const attachment of request.attachments) {
        expect(sha256(await readFile(join(sandbox.dataDir, 'attachments', attachment.sha256)))).toBe(attachment.sha256);
        filesChecked += 1;
      }
    }
    // And every local record agrees with the gateway.
    const local = await readOutbox(page);
    for (const entry of local) expect(entry.registrationNumber).toBe(byId.get(entry.id)?.registrationNumber);
    const counts = proxy.counts();
    const stats = (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as Record<string, number>;
    console.log(
      `CHAOS submissions=${SUBMISSIONS} held_once=${records.length} files_identical=${filesChecked} local_agree=${local.length} kills_page=${kills.page} kills_host=${kills.host} ` +
        `faults=${JSON.stringify(counts.faults)} upload_bytes_received=${stats.uploadBytesReceived} discarded=${stats.uploadBytesDiscarded}`,
    );
  } finally {
    await context.close();
    await stopProcess(workstation?.child);
    await proxy?.close();
    await sandbox.stop();
  }
});
