/** A test-PKI signing key as a WebCrypto key, for CMS tests and benchmarks (real keys never leave the key store). */
import { createPrivateKey, webcrypto } from 'node:crypto';
import { privateKeyPemOf } from './catalogIssuer';
import type { createDetachedCms } from '../../shared/pki/detachedCms';
import type { TestOperator, TestPki } from './testPki';

type SigningKey = Parameters<typeof createDetachedCms>[0]['privateKey'];

export interface WebCryptoSigner {
  privateKey: SigningKey;
  certificatePem: string;
  certificateDer: Uint8Array;
}

export const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

export async function webCryptoSigner(pki: TestPki, operator: TestOperator): Promise<WebCryptoSigner> {
  const leaf = pki.issueLeaf({ operator, usage: 'sign', password: 'pw' });
  const pkcs8 = createPrivateKey(privateKeyPemOf(leaf.p12Der, 'pw')).export({ type: 'pkcs8', format: 'der' });
  const privateKey = (await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])) as unknown as SigningKey;
  return { privateKey, certificatePem: leaf.certificatePem, certificateDer: derOfPem(leaf.certificatePem) };
}
