import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../shared/identity/iin';
import { buildRequestXml } from '../shared/request/requestDocument';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { createPkcs12FolderKeyStore } from '../electron/host/keys/pkcs12FolderKeyStore';
import { trustInCertificates } from '../electron/host/trust/trustStore';
import { createTestPki } from '../sandbox/pki/testPki';
import { verifyPackage, type SignedPackage } from '../sandbox/pki/verifyPackage';
import { runTsCommand } from '../test/support/processes';

const iin = withCheckDigit('90010140001')!;
const scan = Buffer.from('%PDF-1.4 a scanned diploma');
const digest = createHash('sha256').update(scan).digest('hex');
let trusted: string[];
let body: SignedPackage;

beforeAll(async () => {
  const pki = createTestPki();
  trusted = [pki.rootCertPem, pki.intermediateCertPem];
  const keys = await mkdtemp(join(tmpdir(), 'qabyl-verify-'));
  const leaf = pki.issueLeaf({ operator: { iin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' }, usage: 'sign', password: 'pw' });
  await writeFile(join(keys, leaf.fileName), leaf.p12Der);
  const xml = buildRequestXml(sampleRequestDocument({ operator: { iin, fullName: 'ТЕСТОВ ТЕСТ' }, attachments: [{ sha256: digest, fileName: 'diploma.pdf', mimeType: 'application/pdf', size: scan.length }] }));
  const policy = { expectedIin: iin, trust: trustInCertificates(trusted), at: new Date(), checkRevocation: async () => undefined };
  const signed = await createPkcs12FolderKeyStore(keys).signPackage(leaf.fileName, 'pw', xml, policy, [{ sha256: digest, read: async () => new Uint8Array(scan) }]);
  body = {
    signedXml: signed.signedXml,
    attachments: [{ sha256: digest, fileName: 'diploma.pdf', mimeType: 'application/pdf', contentBase64: scan.toString('base64'), cmsBase64: signed.attachmentSignatures[0]!.cmsBase64 }],
  };
});

const failures = async (candidate: SignedPackage) => (await verifyPackage(candidate, trusted)).filter((check) => !check.ok).map((check) => check.detail);

describe('package verification', () => {
  it('accepts a package signed on the workstation, part by part', async () => {
    expect(await failures(body)).toEqual([]);
  });

  it('names each thing wrong: altered bytes, a missing CMS, an edited request', async () => {
    const altered = { ...body, attachments: [{ ...body.attachments[0]!, contentBase64: Buffer.from('%PDF-1.4 another diploma').toString('base64') }] };
    expect(await failures(altered)).toEqual(['the bytes do not match the signed digest']);
    const unsigned = { ...body, attachments: [{ ...body.attachments[0]!, cmsBase64: undefined }] };
    expect(await failures(unsigned)).toEqual(['no CMS signature']);
    const edited = { ...body, signedXml: body.signedXml.replace('Әлиев', 'Әлиева') };
    expect((await failures(edited)).length).toBeGreaterThan(0);
  });

  it('the command prints one line per part and exits 1 on a bad package', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qabyl-verify-cli-'));
    await writeFile(join(dir, 'trust.pem'), trusted.join('\n'));
    await writeFile(join(dir, 'good.json'), JSON.stringify(body));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...body, attachments: [{ ...body.attachments[0]!, contentBase64: 'AAAA' }] }));
    const good = await runTsCommand('scripts/verify.ts', ['--trust', join(dir, 'trust.pem'), join(dir, 'good.json')]);
    expect(good.code).toBe(0);
    expect(good.stdout.trim().split('\n')).toHaveLength(3);
    const bad = await runTsCommand('scripts/verify.ts', ['--trust', join(dir, 'trust.pem'), join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL');
  }, 30_000);
});
