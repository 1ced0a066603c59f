/**
 * Reading what certificates, CRLs and signatures arrive as: DER, PEM (one or several blocks), or bare base64 text
 * (Kalkan's .cms files). Platform-free, so the sandbox, the host and `npm run verify` read files alike.
 */
import { bytesOfBase64 } from './xmldsigAlgorithms';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

/** The DER of every PEM block with one of `labels` in `text`. */
export function pemBlocks(text: string, labels: readonly string[]): Uint8Array[] {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]+?)-----END \1-----/g)];
  return blocks.filter((match) => labels.includes(match[1]!)).map((match) => bytesOfBase64(match[2]!));
}

/** DER objects in a file: its PEM blocks with one of `labels`, else the base64 text it is, else the bytes themselves. */
export function derObjectsOf(bytes: Uint8Array, labels: readonly string[]): Uint8Array[] {
  // DER of any of these starts with a SEQUENCE tag; PEM and base64 text never do.
  if (bytes[0] === 0x30) return [bytes];
  const text = latin1(bytes);
  if (text.includes('-----BEGIN ')) return pemBlocks(text, labels);
  const compact = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [bytesOfBase64(compact)];
  return [bytes];
}

export const CERTIFICATE_LABELS = ['CERTIFICATE'] as const;
export const CRL_LABELS = ['X509 CRL'] as const;
export const CMS_LABELS = ['CMS', 'PKCS7'] as const;

/** Certificates (DER) in PEM texts (bundles too) or DER files. */
export function certificatesDerOf(inputs: readonly (string | Uint8Array)[]): Uint8Array[] {
  return inputs.flatMap((input) => (typeof input === 'string' ? pemBlocks(input, CERTIFICATE_LABELS) : derObjectsOf(input, CERTIFICATE_LABELS)));
}

/** A certificate's DER as PEM (64-character lines), for the parts that take PEM (xml-crypto, NCALayer's chain, caches). */
export function certificatePem(der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
