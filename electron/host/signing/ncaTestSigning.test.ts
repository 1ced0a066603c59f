/**
 * End to end with NCA's own test material: the "NCA test" profile, the real GOST 2015 test key file, an operator
 * account carrying NCA's test IIN, and a signing moment inside the key's validity. What the sign dialog produces must
 * pass the sandbox's receipt checks (XMLDSig and the CMS over each attachment) at that moment.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import { webcrypto, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRequestSignature } from '../../../sandbox/pki/verifyRequestSignature';
import { verifyDetachedCms } from '../../../shared/pki/detachedCms';
import { createOperatorAccounts } from '../operators/operatorAccounts';
import { operatorIinAccepted } from '../../../shared/pki/trustProfiles';
import { createPkcs12FolderKeyStore } from '../keys/pkcs12FolderKeyStore';
import { loadWorkstationTrust, type WorkstationTrust } from '../trust/trustStore';
import { createSigningSessions } from './signingSessions';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/nca-test');
const KEY_FILE = 'GOST512_individual_2015.p12';
const TEST_IIN = '123456789012';
const INSIDE_VALIDITY = Date.parse('2023-01-10T09:00:00Z');
const request = '<request xmlns="urn:qabyl:request"><applicant>ТЕСТОВ Тест</applicant><service code="L-1"/></request>';
const scan = new TextEncoder().encode('%PDF-1.4 a scanned diploma');
const crypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];

let work: string;
let trust: WorkstationTrust;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qabyl-nca-test-'));
  await copyFile(join(fixtures, 'keys/key_individual_valid_2015.p12'), join(work, KEY_FILE));
  trust = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: join(work, 'trust') });
});

async function sign(expectedIin: string, at = INSIDE_VALIDITY) {
  const sessions = createSigningSessions({ keyStore: createPkcs12FolderKeyStore(work), trust, checkRevocation: async () => undefined, now: () => at });
  const attachments = [{ sha256: createHash('sha256').update(scan).digest('hex'), read: async () => scan }];
  const ticket = sessions.open({ keyId: KEY_FILE, expectedIin, xml: request, attachments });
  await sessions.submitPassword(ticket, 'Aa123456');
  const result = sessions.result(ticket);
  if (result.state !== 'signed') throw new Error(`not signed: ${result.state}`);
  return result;
}

describe('a real NCA GOST 2015 test key under the NCA test profile', () => {
  it('an operator account may carry the test IIN there, and nowhere else', async () => {
    const accounts = createOperatorAccounts(join(work, 'operators.json'), { iinAccepted: (iin) => operatorIinAccepted(iin, trust.profile) });
    const operator = await accounts.createFirst({ login: 'tester', fullName: 'ТЕСТТОВ ТЕСТТ', iin: TEST_IIN, password: 'long-enough-1' });
    expect(operator.iin).toBe(TEST_IIN);
    const production = createOperatorAccounts(join(work, 'production-operators.json'), { iinAccepted: (iin) => operatorIinAccepted(iin, 'ncaProduction') });
    await expect(production.createFirst({ login: 'tester', fullName: 'ТЕСТТОВ ТЕСТТ', iin: TEST_IIN, password: 'long-enough-1' })).rejects.toMatchObject({ code: 'identity.invalidIin' });
  });

  it('signs XML and CMS that the sandbox accepts at the signing moment', async () => {
    const signed = await sign(TEST_IIN);
    expect(signed.signer).toMatchObject({ iin: TEST_IIN, commonName: 'ТЕСТТОВ ТЕСТТ' });
    const crlsDer = trust.crls.map((crl) => new Uint8Array(crl.toSchema().toBER(false)));
    const xml = await verifyRequestSignature(signed.signedXml, trust.anchorsPem, { at: new Date(INSIDE_VALIDITY), crls: crlsDer });
    expect(xml).toMatchObject({ ok: true, signerIin: TEST_IIN });
    expect(signed.attachmentSignatures).toHaveLength(1);
    const cms = await verifyDetachedCms(new Uint8Array(Buffer.from(signed.attachmentSignatures[0]!.cmsBase64, 'base64')), {
      content: scan,
      trustedCertificatesDer: trust.anchorsPem.map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))),
      crlsDer,
      crypto,
    });
    expect(cms).toMatchObject({ ok: true, signer: { iin: TEST_IIN, keyAlgorithm: 'gost2015' } });
    // The CMS is over these bytes: other content fails.
    const other = await verifyDetachedCms(new Uint8Array(Buffer.from(signed.attachmentSignatures[0]!.cmsBase64, 'base64')), {
      content: new TextEncoder().encode('%PDF-1.4 another diploma'),
      trustedCertificatesDer: trust.anchorsPem.map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))),
      crypto,
    });
    expect(other.ok).toBe(false);
  });

  it('still refuses the key for another operator, and after it expired', async () => {
    await expect(sign('123456789011')).rejects.toMatchObject({ code: 'keys.iinMismatch' });
    await expect(sign(TEST_IIN, Date.parse('2023-08-01T00:00:00Z'))).rejects.toMatchObject({ code: 'keys.expired' });
  });
});
