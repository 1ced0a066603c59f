/**
 * The issuing office's side of catalog updates, for training and tests: sign a catalog with a key issued by
 * the test PKI and package it the way workstations expect (shared/catalog/catalogPackage.ts).
 */
import { sign } from 'node:crypto';
import forge from 'node-forge';
import { CATALOG_PACKAGE_FORMAT, type CatalogPackage } from '../../shared/catalog/catalogPackage';
import type { CatalogData } from '../../shared/catalog/catalogSchema';
import { withCheckDigit } from '../../shared/identity/iin';
import type { TestPki } from './testPki';

export interface CatalogIssuer {
  certificatePem: string;
  privateKeyPem: string;
  chainPem: string[];
}

/**
 * The private key inside a PKCS#12 file (test fixtures only: real keys never leave the key store), as PEM: forge decodes
 * RSA keys itself and leaves others (GOST) as their PrivateKeyInfo, which goes out as PKCS#8.
 */
export function privateKeyPemOf(p12Der: Uint8Array, password: string): string {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12Der).toString('binary')), password);
  const bagType = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const bag = p12.getBags({ bagType })[bagType]?.[0];
  if (bag?.key) return forge.pki.privateKeyToPem(bag.key);
  if (bag?.asn1) return forge.pki.privateKeyInfoToPem(bag.asn1);
  throw new Error('no private key in the PKCS#12 file');
}

export function createCatalogIssuer(pki: TestPki): CatalogIssuer {
  const password = 'issuer';
  // The catalog package format signs with RSA-SHA256 (shared/catalog/catalogPackage.ts), whatever the CA's algorithm.
  const leaf = pki.issueLeaf({ operator: { iin: withCheckDigit('80010130001')!, surname: 'КАТАЛОГ', givenName: 'ШЫҒАРУШЫ' }, usage: 'sign', password, keyAlgorithm: 'rsa' });
  return { certificatePem: leaf.certificatePem, privateKeyPem: privateKeyPemOf(leaf.p12Der, password), chainPem: [pki.intermediateCertPem] };
}

/** `catalog` may be raw JSON text, to package something that is not a valid catalog on purpose. */
export function signCatalogUpdate(issuer: CatalogIssuer, catalog: CatalogData | string): CatalogPackage {
  const payload = typeof catalog === 'string' ? catalog : JSON.stringify(catalog);
  return {
    format: CATALOG_PACKAGE_FORMAT,
    payload,
    signatureBase64: sign('sha256', Buffer.from(payload, 'utf8'), issuer.privateKeyPem).toString('base64'),
    certificatesPem: [issuer.certificatePem, ...issuer.chainPem],
  };
}
