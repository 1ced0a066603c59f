/**
 * Each attachment's digest under the signing key's own hash (SHA-256 for RSA, Streebog-512 for GOST 2015), read from
 * the document store only once the key is known to sign. SHA-256 is Node's native one. Streebog is pure JS (about
 * 10 MB/s), so a package of scans would hold the host's event loop — and every bridge call — for seconds: large
 * packages are hashed on worker threads, one file each, as many at a time as the machine has cores.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { digestFor, type SigningAlgorithm } from '../../../shared/pki/signingKey';
import type { AttachmentToSign } from './keyStore';

/** Below this a package is hashed in place: starting a worker (~50 ms) would cost more than it saves. */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** Worker source: CommonJS, so it runs the same from sources, from the ES-module bundle and from the packaged app. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const gost = require(workerData.library);
const engine = (gost.GostEngine || gost.default.GostEngine).getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 });
parentPort.on('message', (content) => {
  const digest = new Uint8Array(engine.digest(content));
  parentPort.postMessage(digest, [digest.buffer]);
});`;

function startWorker(): Worker {
  const library = createRequire(import.meta.url).resolve('@wavesenterprise/crypto-gost-js');
  return new Worker(WORKER_SOURCE, { eval: true, workerData: { library } });
}

function digestOn(worker: Worker, content: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      settle();
    };
    const onMessage = (digest: Uint8Array) => done(() => resolve(digest));
    const onError = (error: Error) => done(() => reject(error));
    worker.on('message', onMessage);
    worker.on('error', onError);
    // A copy is handed over, so the caller's buffer (perhaps a pooled Buffer) stays untouched.
    const copy = new Uint8Array(content);
    worker.postMessage(copy, [copy.buffer]);
  });
}

async function streebogOnWorkers(contents: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism(), contents.length)) }, startWorker);
  try {
    const digests: Uint8Array[] = new Array(contents.length);
    let next = 0;
    await Promise.all(
      workers.map(async (worker) => {
        for (let index = next++; index < contents.length; index = next++) digests[index] = await digestOn(worker, contents[index]!);
      }),
    );
    return digests;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export async function attachmentDigests(algorithm: SigningAlgorithm, attachments: readonly AttachmentToSign[]): Promise<Uint8Array[]> {
  const contents = await Promise.all(attachments.map((attachment) => attachment.read()));
  if (algorithm === 'rsa') return contents.map((content) => new Uint8Array(createHash('sha256').update(content).digest()));
  const total = contents.reduce((sum, content) => sum + content.length, 0);
  if (total >= WORKER_THRESHOLD_BYTES) {
    try {
      return await streebogOnWorkers(contents);
    } catch {
      // A shell that cannot start workers still signs, only on the event loop.
    }
  }
  return contents.map((content) => digestFor(algorithm, content));
}
