import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_LABELS, derObjectsOf } from '../../../shared/pki/pem';
import { flipped, material } from '../../../sandbox/pki/ncaMaterial.testkit';
import { readTrustedCrl } from './crlDocument';

const certificate = (path: string) => pkijs.Certificate.fromBER(new Uint8Array(derObjectsOf(material(path), CERTIFICATE_LABELS)[0]!));
const issuers = {
  rsa: certificate('ca/nca_rsa_test.pem'),
  gost2004: certificate('ca/nca_gost_test.pem'),
  gost2015: certificate('ca/nca_gost2015_test.cer'),
};
const allIssuers = Object.values(issuers);
const pemOf = (der: Uint8Array) => new TextEncoder().encode(`-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`);

describe("NCA's real test CRLs", () => {
  it.each([
    ['RSA', 'crl/nca_rsa_test.crl', issuers.rsa],
    ['GOST 34.310-2004', 'crl/nca_gost_test.crl', issuers.gost2004],
    ['GOST 34.10-2015 (GOST 2022 CA)', 'crl/nca_gost2022_test.crl', issuers.gost2015],
  ])('%s: accepted from its issuer among all, as DER and as PEM; refused from the others and with one byte changed', async (_name, path, issuer) => {
    const der = material(path);
    const reading = await readTrustedCrl(der, allIssuers);
    expect(reading.ok && reading.crl.issuer.isEqual(issuer.subject)).toBe(true);
    expect((await readTrustedCrl(pemOf(der), [issuer])).ok).toBe(true);
    expect(await readTrustedCrl(der, allIssuers.filter((other) => other !== issuer))).toMatchObject({ ok: false, reason: 'untrusted' });
    // A byte of the last revoked entry's serial (inside the signed TBS), and a byte of the signature value.
    expect(await readTrustedCrl(flipped(der, der.length - 200), [issuer])).toMatchObject({ ok: false });
    expect(await readTrustedCrl(flipped(der, der.length - 3), [issuer])).toMatchObject({ ok: false, reason: 'untrusted' });
  });

  it('says a file that is no CRL is unreadable', async () => {
    expect(await readTrustedCrl(new TextEncoder().encode('not a CRL'), allIssuers)).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
