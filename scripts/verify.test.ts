import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { signXmlEnveloped } from '../electron/host/keys/xmlSignature';
import { withCheckDigit } from '../shared/identity/iin';
import { createDetachedCms } from '../shared/pki/detachedCms';
import { buildRequestXml } from '../shared/request/requestDocument';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { flipped, KALKAN, kalkanCmsDer, kalkanFile, NCA_MATERIAL } from '../sandbox/pki/ncaMaterial.testkit';
import { createTestPki } from '../sandbox/pki/testPki';
import { verifyPackage, type SignedPackage } from '../sandbox/pki/verifyPackage';
import { webCryptoSigner } from '../sandbox/pki/webCryptoSigner';
import { runTsCommand } from '../test/support/processes';

const iin = withCheckDigit('90010140001')!;
const scan = Buffer.from('%PDF-1.4 a scanned diploma');
const digest = createHash('sha256').update(scan).digest('hex');
let trusted: string[];
let body: SignedPackage;

beforeAll(async () => {
  const pki = createTestPki();
  trusted = [pki.rootCertPem, pki.intermediateCertPem];
  const { key } = await webCryptoSigner(pki, { iin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
  const xml = buildRequestXml(sampleRequestDocument({ operator: { iin, fullName: 'ТЕСТОВ ТЕСТ' }, attachments: [{ sha256: digest, fileName: 'diploma.pdf', mimeType: 'application/pdf', size: scan.length }] }));
  const cms = await createDetachedCms({ contentDigest: key.digest(scan), key, signingTime: new Date() });
  body = {
    signedXml: signXmlEnveloped(xml, key),
    attachments: [{ sha256: digest, fileName: 'diploma.pdf', mimeType: 'application/pdf', contentBase64: scan.toString('base64'), cmsBase64: Buffer.from(cms).toString('base64') }],
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

describe("the command on Kalkan's files, with NCA's test CA folder (PEM and DER) and CRLs", () => {
  const kalkan = (path: string) => join(NCA_MATERIAL, 'kalkan-signed', path);
  const common = ['--trust', join(NCA_MATERIAL, 'ca'), '--crl', join(NCA_MATERIAL, 'crl/nca_rsa_test.crl'), '--crl', join(NCA_MATERIAL, 'crl/nca_gost_test.crl')];

  it('verifies the RSA and GOST 2004 XML and CMS at a moment inside their validity, one line each', async () => {
    const files = [KALKAN.rsaXml, KALKAN.gost2004Xml, KALKAN.rsaCms, KALKAN.gost2004Cms].map(kalkan);
    const run = await runTsCommand('scripts/verify.ts', [...common, '--at', '2020-06-01T00:00:00Z', ...files]);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith('OK  '))).toBe(true);
    expect(lines[1]).toContain('GOST 34.310-2004');
    expect(lines[3]).toContain('signing time 2020-09-09T20:03:14.000Z');
    expect(run.code).toBe(0);
  }, 60_000);

  it('fails, with the reason, on an expired moment, an AUTH key, a changed byte; checks a detached CMS against --content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qabyl-verify-kalkan-'));
    await writeFile(join(dir, 'changed.xml'), new TextDecoder().decode(kalkanFile(KALKAN.gost2004Xml)).replace('NCANode', 'NCANodf'));
    const cms = kalkanCmsDer(KALKAN.gost2004Cms);
    await writeFile(join(dir, 'changed.cms'), flipped(cms, cms.length - 3));
    // The same signature made detached: the content comes from --content.
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: signedData.encapContentInfo.eContentType });
    await writeFile(join(dir, 'detached.cms'), new Uint8Array(new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false)));
    await writeFile(join(dir, 'content.txt'), 'asdasd');

    const expired = await runTsCommand('scripts/verify.ts', [...common, kalkan(KALKAN.rsaXml)]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/^FAIL .* XMLDSig: expired: the signer certificate was no longer valid/);
    const refused = await runTsCommand('scripts/verify.ts', [...common, '--at', '2020-06-01T00:00:00Z', kalkan(KALKAN.authXml), join(dir, 'changed.xml'), join(dir, 'changed.cms')]);
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n').map((line) => line.split(': ')[1])).toEqual(['authKey', 'contentMismatch', 'badSignature']);
    const detached = await runTsCommand('scripts/verify.ts', [...common, '--content', join(dir, 'content.txt'), join(dir, 'detached.cms')]);
    expect(detached.stdout).toMatch(/^OK {3}.*detached, over content\.txt/);
    expect(detached.code).toBe(0);
  }, 60_000);
});
