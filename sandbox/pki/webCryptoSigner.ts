/** A test-PKI operator key as the SigningKey CMS signing takes, for the sandbox's provider, tests and benchmarks (real keys never leave the key store). */
import { privateKeyPemOf } from './catalogIssuer';
import type { SigningKey } from '../../shared/pki/signingKey';
import { testSigningKey } from './testKeys';
import type { TestOperator, TestPki } from './testPki';

export interface WebCryptoSigner {
  key: SigningKey;
  certificatePem: string;
  certificateDer: Uint8Array;
}

export const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

export async function webCryptoSigner(pki: TestPki, operator: TestOperator): Promise<WebCryptoSigner> {
  const leaf = pki.issueLeaf({ operator, usage: 'sign', password: 'pw' });
  const certificateDer = derOfPem(leaf.certificatePem);
  return { key: testSigningKey(privateKeyPemOf(leaf.p12Der, 'pw'), certificateDer), certificatePem: leaf.certificatePem, certificateDer };
}
