import { describe, expect, it } from 'vitest';
import { combineKeyStores } from './compositeKeyStore';
import type { KeyStore, SigningPolicy } from './keyStore';
import { trustInCertificates } from '../trust/trustStore';

const policy: SigningPolicy = { expectedIin: '900101400011', trust: trustInCertificates([]), at: new Date(), checkRevocation: async () => undefined };
const signer = { iin: '900101400011', commonName: 'X', serialNumber: '1', notAfter: '2030-01-01T00:00:00Z' };
const store = (id: string, tag: string): KeyStore => ({
  list: async () => [{ id, fileName: id, kind: 'sign', algorithm: null }],
  signPackage: async (keyId, _password, xml) => ({ signedXml: `${tag}:${keyId}:${xml}`, attachmentSignatures: [], signer }),
});

describe('combineKeyStores', () => {
  it('lists every back-end and sends each signing to the back-end that owns the key', async () => {
    const combined = combineKeyStores([store('RSA256_a.p12', 'file'), store('ncalayer', 'nca')]);
    expect((await combined.list()).map((key) => key.id)).toEqual(['RSA256_a.p12', 'ncalayer']);
    expect((await combined.signPackage('ncalayer', '', '<r/>', policy)).signedXml).toBe('nca:ncalayer:<r/>');
    expect((await combined.signPackage('RSA256_a.p12', 'pw', '<r/>', policy)).signedXml).toBe('file:RSA256_a.p12:<r/>');
  });

  it('refuses a key no back-end has', async () => {
    await expect(combineKeyStores([store('RSA256_a.p12', 'file')]).signPackage('RSA256_b.p12', '', '<r/>', policy)).rejects.toMatchObject({ code: 'keys.notFound' });
  });
});
