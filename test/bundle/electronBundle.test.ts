/**
 * The Electron shell as it ships: the built dist/electron/main.mjs, started in plain Node with a test double of the
 * `electron` module (./electronDouble.ts; nothing else is replaced, and no Electron binary is needed), driven through
 * the host calls the renderer makes over the preload bridge: the first account, a receipt, signing in the host's own
 * prompt, delivery to the embedded sandbox, and the provider's result document. Sources run as ES modules under tsx
 * and vitest; this is where a bundle that behaves otherwise (a CommonJS `import.meta` that is `{}`) is caught.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/buildApp';
import { BUNDLES } from '../../scripts/bundles';
import { bundledCatalog } from '../../shared/catalog/catalog';
import type { HostClient, HostReply } from '../../shared/host/hostApi';
import { createPreloadHostClient } from '../../renderer/src/host/hostClient';
import { OPERATOR_IIN, OPERATOR_PASSWORD, requestFor, sign, type Station } from '../badInput/workstation';
import type { FromShell, ShellRequest, ToShell } from './electronDouble';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pdfToText = async (bytes: Uint8Array, dir: string) => {
  const path = join(dir, `${randomUUID()}.pdf`);
  await writeFile(path, bytes);
  return (await promisify(execFile)('pdftotext', [path, '-'])).stdout.replace(/\s+/g, ' ');
};

/** The built main bundle in a Node child process, reached over its IPC channel as the preload reaches main. */
class BuiltShell {
  private readonly pending = new Map<number, (message: FromShell) => void>();
  private nextId = 1;
  private stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('message', (message: FromShell) => {
      if ('id' in message) this.pending.get(message.id)?.(message);
    });
    this.exited = new Promise((resolve) => child.once('exit', resolve));
  }

  static async start(userData: string, toolsDir: string): Promise<{ shell: BuiltShell; loaded: Extract<FromShell, { kind: 'loaded' }> }> {
    const child = spawn(process.execPath, ['--import', join(toolsDir, 'register.mjs'), join(root, BUNDLES.main)], {
      cwd: root,
      env: { ...process.env, ELECTRON_DOUBLE: join(toolsDir, 'electronDouble.cjs'), QABYL_TEST_USER_DATA: userData },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const shell = new BuiltShell(child);
    const loaded = await new Promise<Extract<FromShell, { kind: 'loaded' }>>((resolve, reject) => {
      child.on('message', (message: FromShell) => {
        if (message.kind === 'loaded') resolve(message);
        if (message.kind === 'errorBox') reject(new Error(`main showed an error box: ${message.content}`));
      });
      void shell.exited.then((code) => reject(new Error(`main exited with ${code} before its window loaded:\n${shell.stderr}`)));
    });
    return { shell, loaded };
  }

  private ask(message: ShellRequest): Promise<FromShell> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...message, id } satisfies ToShell);
    });
  }

  async call(method: string, args: unknown, from: 'mainFrame' | 'otherFrame' = 'mainFrame'): Promise<HostReply> {
    const answer = await this.ask({ kind: 'call', method, args, from });
    return (answer as Extract<FromShell, { kind: 'reply' }>).reply as HostReply;
  }

  async app(url: string) {
    return (await this.ask({ kind: 'app', url })) as Extract<FromShell, { kind: 'app' }>;
  }

  /** Closes the window; resolves with main's exit code. */
  quit(): Promise<number | null> {
    this.child.send({ kind: 'quit' } satisfies ToShell);
    return this.exited;
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const decided = async (client: HostClient, submissionId: string) => {
  const outcome = await client.call('gateway.poll', { submissionId });
  return outcome.kind === 'status' && outcome.decided;
};

let toolsDir = '';
let userData = '';
let shell: BuiltShell | undefined;

beforeAll(async () => {
  await buildElectron();
  toolsDir = await mkdtemp(join(tmpdir(), 'qabyl-bundle-tools-'));
  userData = await mkdtemp(join(tmpdir(), 'qabyl-bundle-data-'));
  const common: BuildOptions = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', external: ['electron'] };
  await build({ ...common, entryPoints: ['test/bundle/electronDouble.ts'], format: 'cjs', outfile: join(toolsDir, 'electronDouble.cjs') });
  await build({ ...common, entryPoints: ['test/bundle/registerElectronDouble.ts'], format: 'esm', outfile: join(toolsDir, 'register.mjs') });
}, 120_000);

afterAll(async () => {
  shell?.kill();
  await Promise.all([toolsDir, userData].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the built Electron shell (dist/electron)', () => {
  it('is what package.json starts, and its preload is CommonJS, as a sandboxed renderer needs', async () => {
    const packageJson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(packageJson.main).toBe(BUNDLES.main);
    const preload = await readFile(join(root, BUNDLES.preload), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    // The bridge and nothing else: no host code reaches the renderer's process.
    expect(preload.length).toBeLessThan(4096);
  });

  it('starts in training mode and takes a request from the first account to the signed result document', async () => {
    const started = await BuiltShell.start(userData, toolsDir);
    shell = started.shell;
    const { loaded } = started;
    expect(loaded.url).toBe('app://qabyl/index.html');
    expect(loaded.sandboxEnabled).toBe(true);
    expect(loaded.privilegedSchemes).toEqual(['app']);
    expect(loaded.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(root, BUNDLES.preload) });
    await stat(loaded.webPreferences.preload!);
    // The page comes from dist/renderer beside the bundle, with its CSP.
    const page = await shell.app('app://qabyl/index.html');
    expect(page.filesRead).toEqual([join(root, 'dist', 'renderer', 'index.html')]);
    expect(page.contentSecurityPolicy).toContain("default-src 'self'");

    const running = shell;
    const client: HostClient = createPreloadHostClient({ call: (method, args) => running.call(method, args) });
    // Host calls from any frame but the main window's are refused.
    expect(await shell.call('operators.status', {}, 'otherFrame')).toEqual({ ok: false, error: { code: 'bridge.unauthorized' } });
    expect(await client.call('app.info', {})).toMatchObject({ shell: 'electron', training: true });

    // Setup: the first account, whose training keys the test CA issues at once.
    expect(await client.call('operators.status', {})).toEqual({ hasOperators: false });
    const operator = await client.call('operators.create', { login: 'aigerim', fullName: 'Сейтқали Айгерім', iin: OPERATOR_IIN, password: OPERATOR_PASSWORD });
    const keys = await client.call('keys.list', {});
    const signKeyId = keys.find((key) => key.kind === 'sign')?.id ?? '';
    const station: Station = { client, operator, dataDir: join(userData, 'training'), keysDir: join(userData, 'training', 'keys'), signKeyId, authKeyId: '' };

    // A scanned document and the request that carries it, for the quickest service the sandbox decides.
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]);
    const scanBytes = await scan.save();
    const stored = await client.call('documents.put', { contentBase64: Buffer.from(scanBytes).toString('base64') });
    const service = bundledCatalog.services.find((candidate) => candidate.id === 'seed001.poisons-license')!;
    const kind = service.kinds.find((candidate) => candidate.id === 'issue')!;
    const attachment = { sha256: stored.sha256, fileName: 'application.pdf', mimeType: 'application/pdf', size: stored.size };
    const document = { ...requestFor(station), serviceId: service.id, requestKind: kind.id, attachments: [attachment] };

    // The receipt of acceptance, with the Kazakh letters its embedded font carries.
    const receipt = await client.call('papers.acceptanceReceipt', {
      submissionId: document.submissionId,
      localNumber: document.localNumber,
      service: { kk: service.name.kk, ru: service.name.ru },
      kind: { kk: kind.name.kk, ru: kind.name.ru },
      applicant: { name: 'Ахметова Сәуле', idNumber: document.applicant.kind === 'individual' ? document.applicant.iin : '', kind: 'individual' },
      documents: [{ name: { kk: 'Өтініш', ru: 'Заявление' }, pages: 1, onPaper: false }],
      operatorName: operator.fullName,
      office: document.office,
      at: new Date().toISOString(),
      expectedResultDate: null,
    });
    const receiptPdf = Buffer.from((await client.call('documents.get', { sha256: receipt.sha256 })).contentBase64, 'base64');
    expect(await pdfToText(receiptPdf, userData)).toContain('Ахметова Сәуле');

    // Signing: the password goes into the host's prompt, never through the page.
    const signed = await sign(station, signKeyId, undefined, document);
    expect(signed.attachmentSignatures.map((signature) => signature.sha256)).toEqual([stored.sha256]);

    // Delivery to the embedded sandbox, which checks the signatures against the training CA.
    expect(await client.call('gateway.upload', { submissionId: document.submissionId, ...attachment })).toMatchObject({ kind: 'uploaded' });
    const committed = await client.call('gateway.commit', {
      submissionId: document.submissionId,
      signedXml: signed.signedXml,
      attachments: [{ ...attachment, cmsBase64: signed.attachmentSignatures[0]!.cmsBase64 }],
    });
    expect(committed).toMatchObject({ kind: 'accepted', registrationNumber: expect.stringMatching(/^KZ-EL-\d{4}-\d{6}$/) });

    // The decision (half a training working day for this service), then the provider's signed result document.
    await expect.poll(() => decided(client, document.submissionId), { timeout: 40_000, interval: 1_000 }).toBe(true);
    const result = await client.call('gateway.result', { submissionId: document.submissionId });
    if (result.kind !== 'result') throw new Error(`no result: ${JSON.stringify(result)}`);
    expect(result.result.kind).toBe('license');
    const resultPdf = Buffer.from((await client.call('documents.get', { sha256: result.result.documentSha256 })).contentBase64, 'base64');
    expect(await pdfToText(resultPdf, userData)).toContain(result.result.licenseNumber);

    // The window's close button: main closes the workstation and quits cleanly.
    expect(await shell.quit()).toBe(0);
  }, 120_000);
});
