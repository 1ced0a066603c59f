/**
 * Real processes for end-to-end tests: the sandbox gateway (which a test can stop and start again on the
 * same port, as a regional link drops and returns) and the workstation in browser mode, from its built bundle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLES } from '../../scripts/bundles';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), prefix));

/** Starts Node with `args` and resolves once a stdout line matches `ready`. */
function startNodeProcess(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) resolve({ child, match });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`)));
  });
}

/** Starts a TS entry point under tsx and resolves once a stdout line matches `ready`. */
export const startTsProcess = (entry: string, args: string[], ready: RegExp) => startNodeProcess(['--import', 'tsx', entry, ...args], ready);

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export class SandboxProcess {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly trainingDir: string,
    /** `verified` false: no checks of request signatures (packages made by a test, not by an operator's key). */
    readonly options: { verified?: boolean; workingDaySeconds?: number } = {},
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start() {
    const { options } = this;
    // The training CA always signs results and stamps time; `verified` false only skips checking requests.
    const trust = options.verified === false ? [] : ['--trust', join(this.trainingDir, 'training-trust.pem')];
    const pki = [...trust, '--training-ca', join(this.trainingDir, 'training-ca.json')];
    const clock = options.workingDaySeconds ? ['--working-day-seconds', String(options.workingDaySeconds)] : [];
    ({ child: this.child } = await startTsProcess('sandbox/main.ts', ['--port', String(this.port), '--data', this.dataDir, ...pki, ...clock], /listening on/));
  }
  async stop() {
    await stopProcess(this.child);
  }
  async setFaults(faults: Record<string, unknown>) {
    const response = await fetch(`${this.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    if (!response.ok) throw new Error(`faults: HTTP ${response.status}`);
  }
}

/** Runs a TS entry point to completion: its exit code and what it printed. */
export function runTsCommand(entry: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout })));
}

/**
 * The workstation as browser mode ships it: the built host bundle (playwright's global setup builds it from the
 * sources of this run), not the sources under tsx. `port` fixed keeps the page's origin, and with it the IndexedDB
 * store of record, across host restarts.
 */
export async function startWorkstation(dataDir: string, gatewayUrl: string, port?: number) {
  const { child, match } = await startNodeProcess([BUNDLES.web, '--data', dataDir, '--gateway', gatewayUrl, ...(port ? ['--port', String(port)] : [])], /Open: (\S+)/);
  return { child, launchUrl: match[1]! };
}
