/**
 * NCA's real test material (test/fixtures/nca-test, provenance in its README) as tests use it, and Debian's gost engine
 * as the independent implementation GOST results are checked against. Here so that sandbox, shared and host tests can
 * all use it; opening the key files is test/support/ncaKeys.ts (the reader is the host's).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CERTIFICATE_LABELS, CMS_LABELS, derObjectsOf } from '../../shared/pki/pem';

export const NCA_MATERIAL = join(import.meta.dirname, '../../test/fixtures/nca-test');
export const material = (path: string) => new Uint8Array(readFileSync(join(NCA_MATERIAL, path)));

/** Every NCA test CA certificate in the material: roots and intermediates, RSA, GOST 2004 and GOST 2015. */
export const NCA_TRUST_FILES = ['ca/root_rsa_test.pem', 'ca/root_gost_test.pem', 'ca/nca_rsa_test.pem', 'ca/nca_gost_test.pem', 'ca/nca_gost2015_test.cer'];
export const ncaAnchorsDer = () => NCA_TRUST_FILES.flatMap((path) => derObjectsOf(material(path), CERTIFICATE_LABELS));
export const NCA_CRL_FILES = ['crl/nca_rsa_test.crl', 'crl/nca_gost_test.crl', 'crl/nca_gost2022_test.crl'];
export const ncaCrlsDer = () => NCA_CRL_FILES.map(material);

/** Kalkan-made files, by path under kalkan-signed/. */
export const KALKAN = {
  rsaXml: 'personal/active/RSA256_11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9.xml',
  rsaCms: 'personal/active/RSA256_11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9.cms',
  gost2004Xml: 'organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.xml',
  gost2004Cms: 'organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cms',
  authXml: 'personal/active/AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.xml',
  authCms: 'personal/active/AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms',
} as const;
/** Inside the validity of every Kalkan signer certificate (2020-01-28 … 2021-01-27). */
export const KALKAN_MOMENT = new Date('2020-06-01T00:00:00Z');
export const kalkanFile = (path: string) => material(`kalkan-signed/${path}`);
export const kalkanCmsDer = (path: string) => derObjectsOf(kalkanFile(path), CMS_LABELS)[0]!;

/** The GOST 2015 test keys and a moment inside their validity (2022-07-28 … 2023-07-28). */
export const GOST2015_KEYS = { individual: 'keys/key_individual_valid_2015.p12', ceoRevoked: 'keys/key_ceo_revoked_2015.p12' } as const;
export const GOST2015_MOMENT = new Date('2023-01-10T00:00:00Z');

/** The README's passwords: the 2015 keys' and everyone else's. */
export const ncaKeyPassword = (path: string) => (path.includes('2015') ? 'Aa123456' : 'Qwerty12');

export const flipped = (bytes: Uint8Array, at: number) => {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

function openssl(args: string[], input?: Uint8Array): string {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

/** Streebog-512 by Debian's gost engine, hex. */
export const engineStreebog512 = (data: Uint8Array) => openssl(['dgst', '-engine', 'gost', '-streebog512', '-r'], data).split(' ')[0]!;

/**
 * Whether Debian's gost engine accepts `signature` (NCA layout: r ‖ s, each 64 bytes little-endian) over `data` by the
 * GOST 2015 key of `certificateDer`: RFC 4491/7091 write s ‖ r big-endian, and tc26 OIDs name the same curve.
 */
export function gostEngineVerifies(certificateDer: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  const bits = pkijs.Certificate.fromBER(certificateDer).subjectPublicKeyInfo.subjectPublicKey;
  const point = (asn1js.fromBER(bits.valueBlock.valueHexView.slice().buffer).result as asn1js.OctetString).valueBlock.valueHexView;
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.1.1.2' }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.2.1.2.1' })] })] }),
      new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: point }).toBER(false) }),
    ],
  });
  const rfcSignature = Buffer.concat([Buffer.from(signature.subarray(64)).reverse(), Buffer.from(signature.subarray(0, 64)).reverse()]);
  const dir = mkdtempSync(join(tmpdir(), 'qabyl-gost-'));
  writeFileSync(join(dir, 'data'), data);
  writeFileSync(join(dir, 'sig'), rfcSignature);
  writeFileSync(join(dir, 'key.der'), Buffer.from(spki.toBER(false)));
  try {
    return openssl(['dgst', '-engine', 'gost', '-md_gost12_512', '-keyform', 'DER', '-verify', join(dir, 'key.der'), '-signature', join(dir, 'sig'), join(dir, 'data')]).includes('Verified OK');
  } catch {
    return false;
  }
}
