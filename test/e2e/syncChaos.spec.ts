/**
 * Chaos test of sync (issue: sync, "Proof"): 300 submissions with attachments go through a fault-injecting
 * proxy on loopback (resets mid-body and mid-response, drops, delays, 503/429, captive portal, truncated JSON)
 * while the engine (the page) and the host process are killed and restarted at random points, 12 times.
 * Afterwards the sandbox must hold each submission exactly once with every attachment byte-identical, and every
 * local record must agree with it.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../../sandbox/seededRandom';
import { startFaultProxy, type FaultProxy } from '../chaos/faultProxy';
import { setUpOrLogIn } from '../support/operator';
import { freePort, SandboxProcess, startWorkstation, stopProcess, tempDir } from '../support/processes';
import { gatewaySubmissions, readOutbox, seedQueuedRequests } from '../support/workstationData';

const SUBMISSIONS = 300;
const KILLS = 12;
const random = seededRandom(20261123);

type Workstation = Awaited<ReturnType<typeof startWorkstation>>;

/** The engine runs in a window an operator has logged in to: the host hands the field keys to a session only. */
async function openEngine(context: BrowserContext, launchUrl: string): Promise<Page> {
  const page = await context.newPage();
  await setUpOrLogIn(page, launchUrl, page.getByTestId('link-state'));
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
    const seeded = await seedQueuedRequests(page, workstation.launchUrl, { count: SUBMISSIONS, random });
    await setUpOrLogIn(page, workstation.launchUrl, page.getByTestId('link-state'));

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
    const records = await gatewaySubmissions(sandbox.dataDir);
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
