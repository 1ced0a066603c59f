/**
 * Signing benchmark (issue: operator's digital signature): a package with 50 MB of attachments. Ours: a streamed
 * native SHA-256 of each file and a detached CMS over it (shared/pki/detachedCms.ts). Reference: `openssl dgst
 * -sha256` plus `openssl cms -sign -binary` on the same files, in the same run. Target ratio ≤ 1.5.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { withCheckDigit } from '../shared/identity/iin';
import { createDetachedCms } from '../shared/pki/detachedCms';
import { privateKeyPemOf } from '../sandbox/pki/catalogIssuer';
import { testSigningKey } from '../sandbox/pki/testKeys';
import { createTestPki } from '../sandbox/pki/testPki';
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

export async function run(options: { files?: number; megabytesPerFile?: number; rounds?: number } = {}): Promise<string> {
  const files = options.files ?? 5;
  const megabytesPerFile = options.megabytesPerFile ?? 10;
  const rounds = options.rounds ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-bench-sign-'));
  try {
    const pki = createTestPki();
    const leaf = pki.issueLeaf({ operator: { iin: withCheckDigit('90010140001')!, surname: 'БЕНЧ', givenName: 'ТЕСТ' }, usage: 'sign', password: 'pw' });
    const keyPem = createPrivateKey(privateKeyPemOf(leaf.p12Der, 'pw')).export({ type: 'pkcs8', format: 'pem' }) as string;
    await writeFile(join(dir, 'key.pem'), keyPem);
    await writeFile(join(dir, 'cert.pem'), leaf.certificatePem);
    const certificateDer = new Uint8Array(Buffer.from(leaf.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const key = testSigningKey(keyPem, certificateDer);
    const paths = Array.from({ length: files }, (_, i) => join(dir, `scan-${i}.pdf`));
    for (const path of paths) await writeFile(path, randomBytes(megabytesPerFile * 1024 * 1024));

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
    return resultLine('sign', oursMs / opensslMs, { ours_ms: oursMs, openssl_ms: opensslMs, megabytes: files * megabytesPerFile, files }, 'our streaming digest + detached CMS time / openssl dgst + cms -sign time, same files');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
