import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createDetachedCms } from '../../../shared/pki/detachedCms';
import { hasTimestamp } from '../../../shared/pki/timestamps';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { webCryptoSigner } from '../../../sandbox/pki/webCryptoSigner';
import { createTimestampAuthority, type TimestampAuthority } from '../../../sandbox/tsa/timestampAuthority';
import { isSealed } from '../vault/sealedFile';
import { keySealer } from '../vault/vault';
import { createAttachmentSealer } from './attachmentSealer';
import { TsaUnreachable } from './gatewayTransport';

const submissionId = '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293';
let tsa: TimestampAuthority;
let attachment: { sha256: string; fileName: string; mimeType: string; cmsBase64: string };

beforeAll(async () => {
  const pki = createTestPki();
  tsa = await createTimestampAuthority(pki.issueTsaCertificate());
  const signer = await webCryptoSigner(pki, { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
  const digest = createHash('sha256').update('scan').digest();
  const cms = await createDetachedCms({ contentDigest: signer.key.digest(Buffer.from('scan')), key: signer.key, signingTime: new Date() });
  attachment = { sha256: digest.toString('hex'), fileName: 'scan.pdf', mimeType: 'application/pdf', cmsBase64: Buffer.from(cms).toString('base64') };
});

/** The operator's CMS over the same file, made again (a new signing time), as a re-signed correction carries. */
async function signedAgain(): Promise<string> {
  const pki = createTestPki();
  const signer = await webCryptoSigner(pki, { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
  const cms = await createDetachedCms({ contentDigest: signer.key.digest(Buffer.from('scan')), key: signer.key, signingTime: new Date() });
  return Buffer.from(cms).toString('base64');
}

const atRest = keySealer();
const folder = () => mkdtemp(join(tmpdir(), 'qabyl-outgoing-'));
const stampedIn = (sealed: { cmsBase64?: string }[]) => hasTimestamp(new Uint8Array(Buffer.from(sealed[0]!.cmsBase64!, 'base64')));

describe('attachment sealer', () => {
  it('stamps once and sends the same bytes on every later attempt, even after a restart', async () => {
    const dir = await folder();
    let asked = 0;
    const timestamp = (request: Uint8Array) => {
      asked += 1;
      return tsa.respond(request);
    };
    const first = await createAttachmentSealer({ folder: dir, atRest, timestamp }).seal(submissionId, [attachment]);
    expect(stampedIn(first)).toBe(true);
    const again = await createAttachmentSealer({ folder: dir, atRest, timestamp }).seal(submissionId, [attachment]);
    expect(again).toEqual(first);
    expect(asked).toBe(1);
    // What is kept names the applicant's files: sealed, no file name readable on disk.
    const kept = await readFile(join(dir, `${submissionId}.json`));
    expect(isSealed(kept)).toBe(true);
    expect(kept.includes('scan.pdf')).toBe(false);
  });

  it('seals afresh when a corrected package, signed again, goes under the same id', async () => {
    const dir = await folder();
    const timestamp = (request: Uint8Array) => tsa.respond(request);
    const first = await createAttachmentSealer({ folder: dir, atRest, timestamp }).seal(submissionId, [attachment]);
    const resigned = { ...attachment, cmsBase64: await signedAgain() };
    const second = await createAttachmentSealer({ folder: dir, atRest, timestamp }).seal(submissionId, [resigned]);
    expect(second[0]!.cmsBase64).not.toBe(first[0]!.cmsBase64);
    expect(stampedIn(second)).toBe(true);
    // And from then on the re-signed package is the one kept.
    expect(await createAttachmentSealer({ folder: dir, atRest, timestamp: async () => Promise.reject(new Error('must not be asked again')) }).seal(submissionId, [resigned])).toEqual(second);
  });

  it('still sends what a workstation kept in plaintext before encryption came', async () => {
    const dir = await folder();
    await writeFile(join(dir, `${submissionId}.json`), JSON.stringify([attachment]));
    const timestamp = async () => Promise.reject(new Error('must not be asked again'));
    expect(await createAttachmentSealer({ folder: dir, atRest, timestamp }).seal(submissionId, [attachment])).toEqual([attachment]);
  });

  it('fixes nothing while the TSA cannot be reached, so a later attempt can still gain trusted time', async () => {
    const dir = await folder();
    const offline = createAttachmentSealer({ folder: dir, atRest, timestamp: async () => Promise.reject(new TsaUnreachable('ECONNREFUSED')) });
    await expect(offline.seal(submissionId, [attachment])).rejects.toBeInstanceOf(TsaUnreachable);
    const online = await createAttachmentSealer({ folder: dir, atRest, timestamp: (request) => tsa.respond(request) }).seal(submissionId, [attachment]);
    expect(stampedIn(online)).toBe(true);
  });

  it('sends the signature as made when the TSA refuses, and keeps it that way', async () => {
    const dir = await folder();
    const failures: unknown[] = [];
    const refusing = createAttachmentSealer({ folder: dir, atRest, timestamp: async () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]), onStampFailed: (e) => failures.push(e) });
    const sealed = await refusing.seal(submissionId, [attachment]);
    expect(sealed).toEqual([attachment]);
    expect(failures).toHaveLength(1);
    expect(await createAttachmentSealer({ folder: dir, atRest, timestamp: (request) => tsa.respond(request) }).seal(submissionId, [attachment])).toEqual([attachment]);
  });
});
