/**
 * Sync benchmark (issue: sync). Ours: N signed submissions with one 3 MB attachment each go through the real
 * sync engine and the host's gateway transport (tus upload with per-PATCH SHA-256, then the idempotent commit)
 * into the sandbox over loopback. Reference: a plain HTTP PUT of the same bytes with undici to a server that
 * writes them to disk, same concurrency, same run. Target ratio ≤ 1.4.
 * A second pass resets 10% of upload connections mid-body and reports the bytes sent again (`resent_pct`).
 * Loopback has none of the round trips a regional office pays for; a third and fourth pass go through a link
 * emulator (linkEmulator.ts: 4 Mbit/s up, 100 ms RTT, 1 % loss, a disconnect a minute), ours and the plain PUT
 * (sent again whole when the link drops it) of 30 × 3 MB: `RESULT sync-wan`, target ≤ 1.15.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { SandboxStats } from '../sandbox/server';
import { buildRequestXml } from '../shared/request/requestDocument';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { MemoryOutboxStore } from '../shared/sync/memoryOutboxStore.testkit';
import { isFirstAttempt, newOutboxEntry } from '../shared/sync/outbox';
import { createOutboxEngine, type SyncTransport } from '../shared/sync/outboxEngine';
import { TRAINING_GATEWAY_CLIENT } from '../shared/training/trainingGatewayClient';
import { commitBody, createHttpGatewayTransport } from '../electron/host/gateway/gatewayTransport';
import { createDocumentStore, type DocumentStore } from '../electron/host/storage/documentStore';
import { keySealer } from '../electron/host/vault/vault';
import { startLinkEmulator, REGIONAL_LINK, type LinkShape } from './linkEmulator';
import { resultLine } from './measure';

const CONCURRENCY = 2;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const clock = { now: () => Date.now() };
const scheduler = { setTimer: () => () => undefined };
// One workstation key for both runs: they share the document folder, and a stored file is not rewritten.
const atRest = keySealer();

/** The host side of each engine step, as createHost wires it (without the bridge in between). */
function hostTransport(gateway: ReturnType<typeof createHttpGatewayTransport>, documents: DocumentStore): SyncTransport {
  return {
    probe: () => gateway.probe(),
    checkApplicant: async () => ({ kind: 'match' }),
    upload: (entry, sha256) => gateway.upload(entry.payload.attachments.find((a) => a.sha256 === sha256)!, { firstAttempt: isFirstAttempt(entry) }),
    commit: async (entry) => gateway.commit(entry.id, await commitBody(entry.payload.signedXml, entry.payload.attachments, (sha) => documents.size(sha))),
    poll: async () => ({ kind: 'transient', detail: 'not polled in this benchmark' }),
    fetchResult: async () => ({ kind: 'transient', detail: 'not fetched in this benchmark' }),
  };
}

/** A server in its own process, as the gateway is on its own machine: its hashing does not share our thread. */
async function serverProcess(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

const adminPost = (url: string, path: string, body: unknown) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The server as it is, or behind an emulated link. */
async function reach(url: string, link: LinkShape | undefined) {
  if (!link) return { url, close: async () => undefined };
  const emulator = await startLinkEmulator(url, link);
  return { url: emulator.url, close: emulator.close };
}

async function ourSync(dir: string, files: Uint8Array[], resetProbability: number, link?: LinkShape) {
  const run = `${link ? 'wan' : 'loopback'}-${resetProbability}`;
  const sandbox = await serverProcess(['--import', 'tsx', 'sandbox/main.ts', '--port', '0', '--data', join(dir, `sandbox-${run}`)]);
  const route = await reach(sandbox.url, link);
  try {
    if (resetProbability > 0) await adminPost(sandbox.url, '/_sandbox/faults', { seed: 7, rules: [{ mode: 'resetRequest', on: 'upload', probability: resetProbability }] });
    const documents = createDocumentStore(join(dir, 'documents'), atRest);
    const gateway = createHttpGatewayTransport({ baseUrl: route.url, documents, credentials: async () => TRAINING_GATEWAY_CLIENT, uploadStateFile: join(dir, `uploads-${run}.json`), atRest });
    const store = new MemoryOutboxStore(clock);
    for (const bytes of files) {
      const stored = await documents.put(bytes);
      const attachment = { sha256: stored.sha256, fileName: 'scan.pdf', mimeType: 'application/pdf' };
      const id = randomUUID();
      const signedXml = buildRequestXml(sampleRequestDocument({ submissionId: id, attachments: [{ ...attachment, size: stored.size }], createdAt: new Date().toISOString() }));
      store.add(newOutboxEntry({ id, requestId: id, now: clock.now(), payload: { signedXml, attachments: [attachment] } }));
    }
    const engine = createOutboxEngine({ store, transport: hostTransport(gateway, documents), clock, scheduler, uploadLanes: CONCURRENCY, retryBaseMs: 10, retryCapMs: 100 });
    const started = performance.now();
    let submitted = 0;
    // A reset or a disconnect can end a pass early (the link looks lost); the engine goes again, as its timer would.
    for (let pass = 0; submitted < files.length && pass < 200; pass++) submitted += (await engine.syncNow()).submitted;
    const ms = performance.now() - started;
    const stats = (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as SandboxStats;
    if (stats.submissions !== files.length) throw new Error(`sandbox holds ${stats.submissions} of ${files.length} submissions`);
    return { ms, stats };
  } finally {
    await route.close();
    await sandbox.stop();
  }
}

const SINK = `
import { createServer } from 'node:http';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
let n = 0;
// A PUT the link cut off is dropped; the client sends it again.
const server = createServer((req, res) => void pipeline(req, createWriteStream(process.argv[1] + '/plain-' + n++)).then(() => res.end('ok'), () => res.destroy()));
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function plainUpload(dir: string, files: Uint8Array[], link?: LinkShape) {
  const sink = await serverProcess(['--input-type=module', '-e', SINK, dir]);
  const route = await reach(sink.url, link);
  try {
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < files.length; i = next++) {
        // A PUT cut off by the link is simply sent again, whole.
        for (let tries = 1; ; tries++) {
          try {
            const response = await request(route.url, { method: 'PUT', body: files[i]! });
            await response.body.text();
            break;
          } catch (error) {
            if (tries >= 20) throw error;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    return performance.now() - started;
  } finally {
    await route.close();
    await sink.stop();
  }
}

export interface SyncBenchOptions {
  submissions?: number;
  megabytesPerFile?: number;
  /** The emulated regional link's run: its packages, their size and the link (0 submissions skips it). */
  wan?: { submissions?: number; megabytesPerFile?: number; link?: LinkShape };
}

const randomFiles = (count: number, bytes: number) => Array.from({ length: count }, () => new Uint8Array(randomBytes(bytes)));

export async function run(options: SyncBenchOptions = {}): Promise<string> {
  const submissions = options.submissions ?? 100;
  const bytesPerFile = Math.round((options.megabytesPerFile ?? 3) * 1024 * 1024);
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-bench-sync-'));
  try {
    const files = randomFiles(submissions, bytesPerFile);
    const payload = submissions * bytesPerFile;
    // Reference first and last, ours in between: neither gets all of the warm-up or a cold disk cache.
    const plainBefore = await plainUpload(dir, files);
    const clean = await ourSync(dir, files, 0);
    const plainAfter = await plainUpload(dir, files);
    const plainMs = Math.min(plainBefore, plainAfter);
    const faulty = await ourSync(dir, files, 0.1);
    const resentPct = (100 * (faulty.stats.uploadBytesReceived - payload)) / payload;
    const lines = [
      resultLine(
        'sync',
        clean.ms / plainMs,
        { ours_ms: clean.ms, plain_ms: plainMs, submissions, megabytes: payload / 1024 / 1024, resent_pct: resentPct, reset_run_ms: faulty.ms },
        'our engine + tus + commit wall time / undici PUT of the same bytes; resent_pct with 10% of upload connections reset',
      ),
    ];
    const wanSubmissions = options.wan?.submissions ?? 30;
    if (wanSubmissions > 0) {
      const link = options.wan?.link ?? REGIONAL_LINK;
      // Fresh files: the sandbox of this run must not hold any of them already.
      const wanFiles = randomFiles(wanSubmissions, Math.round((options.wan?.megabytesPerFile ?? 3) * 1024 * 1024));
      // One long run each: the disconnects fall at the same moments of both.
      const plainWan = await plainUpload(dir, wanFiles, link);
      const oursWan = await ourSync(dir, wanFiles, 0, link);
      lines.push(
        resultLine(
          'sync-wan',
          oursWan.ms / plainWan,
          { ours_ms: oursWan.ms, plain_ms: plainWan, submissions: wanSubmissions, up_mbit: link.upBitsPerSecond / 1e6, rtt_ms: link.rttMs, loss_pct: link.loss * 100, disconnect_s: link.disconnectEveryMs / 1000 },
          'our engine + tus + commit / a plain PUT of the same bytes (sent again whole when cut), both through the same emulated regional link',
        ),
      );
    }
    return lines.join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
