/**
 * Signing benchmark (issue: operator's digital signature): a package with 50 MB of attachments, signed as the host
 * signs it, against OpenSSL on the same files in the same run.
 * - `sign` (RSA): a streamed native SHA-256 of each file and a detached CMS over it (shared/pki/detachedCms.ts);
 *   reference `openssl dgst -sha256` plus `openssl cms -sign -binary`. Target ratio ≤ 1.5.
 * - `sign-gost` (GOST 34.10-2015): the key's own digest of each file (Streebog-512, as the key store computes it)
 *   and a GOST detached CMS over it; reference Debian's gost engine, `openssl dgst -streebog512` plus a GOST 2012-512
 *   signature of the same file (`-md_gost12_512 -sign`). Target ratio ≤ 3.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { withCheckDigit } from '../shared/identity/iin';
import { createDetachedCms } from '../shared/pki/detachedCms';
import { privateKeyPemOf } from '../sandbox/pki/catalogIssuer';
import { testSigningKey } from '../sandbox/pki/testKeys';
import { createTestPki } from '../sandbox/pki/testPki';
import { attachmentDigests } from '../electron/host/keys/attachmentDigests';
import { resultLine } from './measure';

async function streamedSha256(file: string): Promise<Uint8Array> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return new Uint8Array(hash.digest());
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface SignBenchOptions {
  files?: number;
  megabytesPerFile?: number;
  rounds?: number;
}

export async function run(options: SignBenchOptions = {}): Promise<string> {
  return `${await runRsa(options)}\n${await runGost(options)}`;
}

async function withFiles<T>(options: SignBenchOptions, body: (dir: string, paths: string[], rounds: number) => Promise<T>): Promise<T> {
  const files = options.files ?? 5;
  const megabytesPerFile = options.megabytesPerFile ?? 10;
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-bench-sign-'));
  try {
    const paths = Array.from({ length: files }, (_, i) => join(dir, `scan-${i}.pdf`));
    for (const path of paths) await writeFile(path, randomBytes(megabytesPerFile * 1024 * 1024));
    return await body(dir, paths, options.rounds ?? 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const BENCH_OPERATOR = { iin: withCheckDigit('90010140001')!, surname: 'БЕНЧ', givenName: 'ТЕСТ' };

async function runRsa(options: SignBenchOptions): Promise<string> {
  return withFiles(options, async (dir, paths, rounds) => {
    const pki = createTestPki({ algorithm: 'rsa' });
    const leaf = pki.issueLeaf({ operator: BENCH_OPERATOR, usage: 'sign', password: 'pw' });
    const keyPem = createPrivateKey(privateKeyPemOf(leaf.p12Der, 'pw')).export({ type: 'pkcs8', format: 'pem' }) as string;
    await writeFile(join(dir, 'key.pem'), keyPem);
    await writeFile(join(dir, 'cert.pem'), leaf.certificatePem);
    const certificateDer = new Uint8Array(Buffer.from(leaf.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const key = testSigningKey(keyPem, certificateDer);

    const ours: number[] = [];
    const openssl: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      for (const path of paths) {
        await createDetachedCms({ contentDigest: await streamedSha256(path), key, signingTime: new Date() });
      }
      ours.push(performance.now() - started);

      started = performance.now();
      for (const path of paths) {
        spawnSync('openssl', ['dgst', '-sha256', path], { stdio: 'ignore' });
        const signed = spawnSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-outform', 'DER', '-nosmimecap', '-signer', join(dir, 'cert.pem'), '-inkey', join(dir, 'key.pem'), '-in', path, '-out', join(dir, 'out.cms')], { stdio: 'ignore' });
        if (signed.status !== 0) throw new Error('openssl cms -sign failed');
      }
      openssl.push(performance.now() - started);
    }
    const oursMs = median(ours);
    const opensslMs = median(openssl);
    const megabytes = (paths.length * (options.megabytesPerFile ?? 10));
    return resultLine('sign', oursMs / opensslMs, { ours_ms: oursMs, openssl_ms: opensslMs, megabytes, files: paths.length }, 'our streaming digest + detached CMS time / openssl dgst + cms -sign time, same files');
  });
}

async function runGost(options: SignBenchOptions): Promise<string> {
  return withFiles(options, async (dir, paths, rounds) => {
    const pki = createTestPki({ algorithm: 'gost2015' });
    const leaf = pki.issueLeaf({ operator: BENCH_OPERATOR, usage: 'sign', password: 'pw' });
    const certificateDer = new Uint8Array(Buffer.from(leaf.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const key = testSigningKey(privateKeyPemOf(leaf.p12Der, 'pw'), certificateDer);
    // OpenSSL's gost engine knows the curve by its tc26 name only: it signs with a key of its own on the same curve.
    const opensslKey = join(dir, 'gost.pem');
    const generated = spawnSync('openssl', ['genpkey', '-engine', 'gost', '-algorithm', 'gost2012_512', '-pkeyopt', 'paramset:A', '-out', opensslKey], { stdio: 'ignore' });
    if (generated.status !== 0) throw new Error("openssl's gost engine is missing (Debian: apt-get install libengine-gost-openssl)");

    const ours: number[] = [];
    const openssl: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      const digests = await attachmentDigests(key.algorithm, paths.map((path) => ({ sha256: path, read: () => readFile(path) })));
      for (const digest of digests) await createDetachedCms({ contentDigest: digest, key, signingTime: new Date() });
      ours.push(performance.now() - started);

      started = performance.now();
      for (const path of paths) {
        const hashed = spawnSync('openssl', ['dgst', '-engine', 'gost', '-streebog512', path], { stdio: 'ignore' });
        const signed = spawnSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_512', '-sign', opensslKey, '-out', join(dir, 'out.sig'), path], { stdio: 'ignore' });
        if (hashed.status !== 0 || signed.status !== 0) throw new Error('openssl gost dgst/sign failed');
      }
      openssl.push(performance.now() - started);
    }
    const oursMs = median(ours);
    const opensslMs = median(openssl);
    const megabytes = paths.length * (options.megabytesPerFile ?? 10);
    return resultLine('sign-gost', oursMs / opensslMs, { ours_ms: oursMs, openssl_ms: opensslMs, megabytes, files: paths.length }, 'our Streebog-512 digests + GOST detached CMS time / openssl gost engine dgst -streebog512 + GOST 2012-512 sign time, same files');
  });
}
