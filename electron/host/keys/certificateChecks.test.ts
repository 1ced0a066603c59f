import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createTestPki, type TestPkiState } from '../../../sandbox/pki/testPki';
import { checkSigningCertificate } from './certificateChecks';
import type { SigningPolicy } from './keyStore';

const iin = withCheckDigit('85010130012')!;
let state: TestPkiState;
let policy: SigningPolicy;

beforeAll(() => {
  const pki = createTestPki();
  state = pki.exportState();
  policy = { expectedIin: iin, trustedRootsPem: [pki.rootCertPem, pki.intermediateCertPem], at: new Date(), checkRevocation: async () => undefined };
});

/** A signing certificate from the test intermediate with the extended key usages a case is about. */
function leafWith(extKeyUsage: Record<string, boolean> | null): forge.pki.Certificate {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const issuer = forge.pki.certificateFromPem(state.intermediateCertPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ type: '2.5.4.3', value: 'TEST OPERATOR' }, { type: '2.5.4.5', value: `IIN${iin}` }]);
  cert.setIssuer(issuer.subject.attributes);
  const extensions: object[] = [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }];
  if (extKeyUsage) extensions.push({ name: 'extKeyUsage', ...extKeyUsage });
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(state.intermediateKeyPem), forge.md.sha256.create());
  return cert;
}

describe('operator role (EKU) check', () => {
  it('accepts an employee signing key: emailProtection + a legal-entity employee role', () => {
    expect(() => checkSigningCertificate(leafWith({ emailProtection: true, '1.2.398.3.3.4.1.2.5': true }), [], policy)).not.toThrow();
  });

  it('refuses a certificate without any extended key usage', () => {
    expect(() => checkSigningCertificate(leafWith(null), [], policy)).toThrow(expect.objectContaining({ code: 'keys.wrongRole' }));
  });

  it("refuses an individual's personal key: it is not a service centre employee's", () => {
    expect(() => checkSigningCertificate(leafWith({ emailProtection: true, '1.2.398.3.3.4.1.1': true }), [], policy)).toThrow(expect.objectContaining({ code: 'keys.wrongRole' }));
  });

  it('refuses a role without emailProtection (e.g. an authentication-only usage set)', () => {
    expect(() => checkSigningCertificate(leafWith({ clientAuth: true, '1.2.398.3.3.4.1.2.5': true }), [], policy)).toThrow(expect.objectContaining({ code: 'keys.wrongRole' }));
  });
});
