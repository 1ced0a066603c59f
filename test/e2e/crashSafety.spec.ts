/**
 * Crash safety (issue 8): the whole app — the host process and the Chromium holding the renderer and its
 * IndexedDB — is killed with SIGKILL 50 times at random moments while an operator saves a draft and attaches
 * files, scans a 50-page document through the training feeder, signs and queues a request, and while the queue
 * goes out. After each kill both come back, the operator logs in, the start-up clean-up runs, and the
 * invariants of test/support/crashInvariants.ts are checked: no partial or corrupt record, no orphaned
 * document or scan batch, every request fully before or fully after its step, the outbox and the gateway in
 * agreement. The schedule is seeded: the seed is printed, and CRASH_SEED=<seed> replays it.
 */
import { chromium, expect, test, type BrowserContext, type LaunchOptions, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { seededRandom } from '../../sandbox/seededRandom';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';
import { withCheckDigit } from '../../shared/identity/iin';
import { LEASE_MS } from '../../shared/sync/outboxEngine';
import { crashProblems, readCrashSnapshot } from '../support/crashInvariants';
import { openServiceForm, signAndQueue } from '../support/keyboard';
import { setUpOrLogIn } from '../support/operator';
import { freePort, SandboxProcess, startWorkstation, stopProcess, tempDir } from '../support/processes';
import { gatewaySubmissions, readTable, seedQueuedRequests } from '../support/workstationData';

type Phase = 'a' | 'b' | 'c' | 'd';
/** 50 kills over the four phases, in a seeded random order. */
const PHASE_COUNTS: Record<Phase, number> = { a: 13, b: 12, c: 12, d: 13 };
/** The 50-page document: SANE's test feeder holds ten sheets, so the operator loads it five times. */
const SCAN_PAGES = 50;
const OPEN_REQUEST_KEY = 'qabyl.openRequest';
/** How long after a phase's work starts the kill may come, in ms: long enough to land anywhere in the work. */
const KILL_WINDOW_MS: Record<Phase, number> = { a: 5_000, b: 8_000, c: 5_000, d: 6_000 };
/** After the last kill: how long the queue gets to go out, beside entries a killed run still holds leased. */
const SETTLE_MS = 60_000;
const SETTLED = new Set(['submitted', 'completed', 'rejected']);

// Fifty browsers in one test: a trace of each would cost more time than the test has.
test.use({ trace: 'off' });

const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const applicant = individualByIin(withCheckDigit('85051530005')!)!;
const pdf = () => ({ name: `өтініш-${randomBytes(3).toString('hex')}.pdf`, mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000 + Math.floor(random() * 200_000)), Buffer.from('\n%%EOF\n')]) });

function schedule(): Phase[] {
  const phases = (Object.entries(PHASE_COUNTS) as [Phase, number][]).flatMap(([phase, count]) => Array<Phase>(count).fill(phase));
  for (let i = phases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [phases[i], phases[j]] = [phases[j]!, phases[i]!];
  }
  return phases;
}

/** Chromium's processes for this profile: launchPersistentContext hides the pid, the command line names the profile. */
async function chromiumProcesses(userDataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(`--user-data-dir=${userDataDir}`)) pids.push(Number(name));
  }
  return pids;
}

/** The children of these processes too (renderers and the zygote may not name the profile), found before any dies. */
async function withDescendants(roots: number[]): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parentOf.set(Number(name), ppid);
  }
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (all.has(ppid) && !all.has(pid)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

class App {
  host: { child: ChildProcess; launchUrl: string } | undefined;
  context: BrowserContext | undefined;
  page!: Page;
  /** When this run of the host was started: what is older is a previous run's. */
  runStartedAt = 0;

  constructor(
    readonly baseDir: string,
    readonly userDataDir: string,
    readonly gatewayUrl: string,
    readonly port: number,
    readonly launchOptions: LaunchOptions,
  ) {}

  get launchUrl() {
    return this.host!.launchUrl;
  }
  get hostDataDir() {
    return join(this.baseDir, 'training');
  }

  /**
   * Host and browser come up together, the operator logs in (onto the newest draft when `continueDraft`, as
   * after a restart with it on screen), and the start-up clean-up has run. Whether a draft was opened.
   */
  async start(continueDraft = false): Promise<boolean> {
    this.runStartedAt = Date.now();
    const sweepsBefore = await this.sweepCount();
    [this.host, this.context] = await Promise.all([startWorkstation(this.baseDir, this.gatewayUrl, this.port), chromium.launchPersistentContext(this.userDataDir, this.launchOptions)]);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.goto(this.launchUrl);
    const draft = continueDraft ? await newestDraft(this.page) : undefined;
    await this.page.evaluate(([key, id]) => (id ? localStorage.setItem(key!, id) : localStorage.removeItem(key!)), [OPEN_REQUEST_KEY, draft]);
    await setUpOrLogIn(this.page, this.launchUrl, this.page.locator(draft ? '#form-iin' : '#new-request'));
    // The clean-up after the crash is done before anything is judged.
    await expect.poll(() => this.sweepCount(), { timeout: 20_000 }).toBeGreaterThan(sweepsBefore);
    return draft !== undefined;
  }

  /** SIGKILL to the host and to every Chromium process of the profile, at once, as a power cut would. */
  async kill() {
    const browser = await withDescendants(await chromiumProcesses(this.userDataDir));
    this.host?.child.kill('SIGKILL');
    for (const pid of browser) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await expect.poll(async () => [...(await chromiumProcesses(this.userDataDir)), ...browser].filter(isAlive).length, { timeout: 10_000 }).toBe(0);
    if (this.host && this.host.child.exitCode === null && this.host.child.signalCode === null) await new Promise((resolve) => this.host!.child.once('exit', resolve));
    // Playwright learns of the dead browser on its own; closing only settles its side.
    await this.context?.close().catch(() => undefined);
  }

  async stop() {
    await this.context?.close().catch(() => undefined);
    await stopProcess(this.host?.child);
  }

  private async sweepCount(): Promise<number> {
    return (await this.logLines('documents.swept')).length;
  }

  /** What the start-up clean-ups removed, by the host's own log. */
  async swept(): Promise<{ documents: number; batches: number }> {
    const total = async (event: string) => (await this.logLines(event)).reduce((sum, line) => sum + Number((JSON.parse(line) as { count?: number }).count ?? 0), 0);
    return { documents: await total('documents.swept'), batches: await total('scan.swept') };
  }

  private async logLines(event: string): Promise<string[]> {
    const log = await readFile(join(this.baseDir, 'logs', 'host.log'), 'utf8').catch(() => '');
    return log.split('\n').filter((line) => line.includes(`"event":"${event}"`));
  }
}

/** The draft left by an earlier step, the newest: the work continues on it as an operator's would. */
async function newestDraft(page: Page): Promise<string | undefined> {
  const drafts = (await readTable<{ id: string; status: string; createdAt: string; serviceId: string }>(page, 'requests')).filter((r) => r.status === 'draft');
  return drafts.sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0]?.id;
}

/** (a) The operator types the applicant and attaches files; every keystroke is autosaved. */
async function typeDraft(page: Page) {
  await openServiceForm(page);
  await page.keyboard.type(applicant.iin);
  await page.keyboard.press('Tab');
  await page.locator('#form-address').fill('Алматы қ., Абай даңғылы, 10');
  await page.locator('#form-phone').fill('+7 701 123 45 67');
  for (let n = 0; n < 3; n++) {
    const file = pdf();
    await page.locator('#request-file').setInputFiles(file);
    await expect(page.getByText(file.name)).toBeVisible();
  }
}

/** (b) The 50-page document, ten sheets per feeder load, into the draft's first checklist item; attached once complete. */
async function scanLongDocument(page: Page, onPhaseWork: () => void): Promise<'scanning' | 'attached'> {
  await page.locator('[id^=scan-open-]').first().click();
  const pages = page.getByTestId('scan-pages').getByRole('option');
  await expect(page.locator('#scan-device option[value="sane:test:0"]')).toHaveCount(1, { timeout: 30_000 });
  onPhaseWork();
  for (;;) {
    const count = await pages.count();
    if (count >= SCAN_PAGES) {
      await page.locator('#scan-attach').click();
      await expect(page.getByTestId('scan-panel')).toHaveCount(0, { timeout: 60_000 });
      return 'attached';
    }
    await page.locator('#scan-device').selectOption('sane:test:0');
    await page.locator('#scan-input').selectOption('feeder');
    await expect(page.locator('#scan-start')).toBeEnabled({ timeout: 20_000 });
    await page.locator('#scan-start').click();
    await expect(pages).toHaveCount(count + 10, { timeout: 60_000 });
    await expect(page.locator('#scan-start')).toBeEnabled({ timeout: 20_000 });
  }
}

/** What a request needs before it may be signed (as in the intake test), filled into the open draft. */
async function completeDraft(page: Page) {
  await page.locator('#form-iin').fill(applicant.iin);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'verified', { timeout: 30_000 });
  await page.locator('#form-address').fill('Алматы қ., Абай даңғылы, 10');
  await page.locator('#form-phone').fill('+7 701 123 45 67');
  await page.locator('#form-subtype').selectOption({ index: 1 });
  await page.locator('#form-paymentReference').fill('1234567890');
  await expect(page.getByTestId('payment-state')).toHaveAttribute('data-state', 'paid', { timeout: 30_000 });
  await page.locator('#form-paper-request-form').check();
  await page.locator('#form-paper-standard-documents').check();
  const file = pdf();
  await page.locator('#request-file').setInputFiles(file);
  // Stored and listed before signing starts: a file still on its way is not in the package (the queue refuses it).
  await expect(page.getByText(file.name)).toBeVisible();
  await expect(page.getByTestId('checklist-missing')).toHaveAttribute('data-complete', 'true');
}

test('the app killed 50 times while saving, scanning 50 pages, signing and syncing: nothing partial, orphaned or sent twice', async ({ browserName }, testInfo) => {
  expect(browserName).toBe('chromium');
  test.setTimeout(14 * 60_000);
  const started = Date.now();
  console.log(`CRASH seed=${seed} (replay with CRASH_SEED=${seed})`);
  const baseDir = await tempDir('qabyl-crash-ws-');
  const sandbox = new SandboxProcess(await freePort(), await tempDir('qabyl-crash-sb-'), join(baseDir, 'training'), { verified: false, workingDaySeconds: 1 });
  const app = new App(baseDir, await tempDir('qabyl-crash-profile-'), sandbox.url, await freePort(), { ...testInfo.project.use.launchOptions, headless: true });
  const phases = schedule();
  const done: Record<Phase, number> = { a: 0, b: 0, c: 0, d: 0 };
  const outcomes = { attached: 0, queued: 0, seeded: 0 };
  const problems: string[] = [];
  let checks = 0;
  const check = async (label: string) => {
    const found = crashProblems(await readCrashSnapshot(app.page, { launchUrl: app.launchUrl, hostDataDir: app.hostDataDir, sandboxDataDir: sandbox.dataDir, runStartedAt: app.runStartedAt }));
    checks += 1;
    problems.push(...found.map((problem) => `${label}: ${problem}`));
  };
  try {
    const continues = (phase: Phase | undefined) => phase === 'b' || phase === 'c';
    let onDraft = await app.start(continues(phases[0]));
    // After the workstation: its training CA signs the sandbox's results.
    await sandbox.start();
    for (const [index, phase] of phases.entries()) {
      const label = `kill ${index + 1} (${phase})`;
      if (continues(phase) && !onDraft) await openServiceForm(app.page);

      // The kill comes at a random moment of the phase's own work, whatever has been reached by then.
      let workStarted: number | undefined;
      let settled = false;
      const onPhaseWork = () => (workStarted ??= Date.now());
      const work = (async () => {
        if (phase === 'a') {
          onPhaseWork();
          return typeDraft(app.page);
        }
        if (phase === 'b') {
          if ((await scanLongDocument(app.page, onPhaseWork)) === 'attached') outcomes.attached += 1;
          return;
        }
        if (phase === 'c') {
          await completeDraft(app.page);
          onPhaseWork();
          await signAndQueue(app.page);
          outcomes.queued += 1;
          return;
        }
        onPhaseWork();
        outcomes.seeded += (await seedQueuedRequests(app.page, app.launchUrl, { count: 1 + Math.floor(random() * 3), random, maxFileBytes: 1_500_000, label: 'CRASH' })).length;
        // A new window starts the engine at once: uploads, commit, status polls and results within the window.
        await app.page.reload();
      })()
        .catch((error: unknown) => error)
        .finally(() => (settled = true));
      const delay = random() * KILL_WINDOW_MS[phase];
      await expect.poll(() => workStarted !== undefined || settled, { timeout: 90_000 }).toBe(true);
      await sleep(Math.max(0, (workStarted ?? Date.now()) + delay - Date.now()));
      await app.kill();
      const failure = await work;
      // What a step says when the app dies under it; anything else went wrong before the kill.
      if (failure instanceof Error && !/closed|crash|Target|disconnected|ECONNREFUSED|ERR_CONNECTION|ERR_EMPTY_RESPONSE|fetch failed|socket|Protocol error/i.test(failure.message)) problems.push(`${label}: the step failed before the kill: ${failure.message.split('\n')[0]}`);
      done[phase] += 1;
      const cycleStart = Date.now();
      onDraft = await app.start(continues(phases[index + 1]));
      const before = problems.length;
      await check(label);
      console.log(`CRASH ${label} after ${(delay / 1000).toFixed(1)} s of work, back in ${((Date.now() - cycleStart) / 1000).toFixed(1)} s${problems.slice(before).map((problem) => `\n  ${problem}`).join('')}`);
    }
    // And nothing is stuck: the queue goes out, but for entries a killed run held mid-step, which come back when
    // their lease runs out (LEASE_MS); none waits on the operator.
    const unsettled = () => readTable<{ id: string; state: string; leaseUntil?: number }>(app.page, 'outbox').then((entries) => entries.filter((entry) => !SETTLED.has(entry.state)));
    const waitingOnLease = (entry: { leaseUntil?: number }) => entry.leaseUntil !== undefined && entry.leaseUntil <= Date.now() + LEASE_MS;
    await expect.poll(async () => (await unsettled()).filter((entry) => !waitingOnLease(entry)).map(({ id, state }) => `${id} ${state}`), { timeout: SETTLE_MS, intervals: [2_000] }).toEqual([]);
    const leased = (await unsettled()).length;
    await check('settled');
    const held = (await gatewaySubmissions(sandbox.dataDir)).length;
    const swept = await app.swept();
    const kills = Object.values(done).reduce((sum, count) => sum + count, 0);
    console.log(
      `CRASH kills=${kills} phases=${(Object.keys(done) as Phase[]).map((phase) => `${phase}:${done[phase]}`).join(',')} invariant_checks=${checks} problems=${problems.length} seed=${seed} ` +
        `scans_attached=${outcomes.attached} signed_queued=${outcomes.queued} seeded=${outcomes.seeded} swept_documents=${swept.documents} swept_batches=${swept.batches} ` +
        `held=${held} left_on_lease=${leased} seconds=${Math.round((Date.now() - started) / 1000)}`,
    );
  } finally {
    await app.stop();
    await sandbox.stop();
  }
  expect(problems).toEqual([]);
});
