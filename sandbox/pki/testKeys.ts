/**
 * Keys of the test PKI in either algorithm NCA issues: RSA-2048 (SHA-256) and Kazakh GOST 34.10-2015 512-bit
 * (Streebog-512). A key travels as PKCS#8 PEM in both cases, the GOST one in NCA's PrivateKeyInfo layout (the scalar as
 * an OCTET STRING inside privateKey, eds.md §0), so saved CA state and key files need no per-algorithm format.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { gost2015PublicKey, signGost2015 } from '../../shared/pki/gost/gost2015';
import { streebog512 } from '../../shared/pki/gost/streebog';
import { ALGORITHM_OID } from '../../shared/pki/signatureAlgorithms';
import { digestFor, gost2015SigningKey, type SigningKey } from '../../shared/pki/signingKey';

export type TestPkiAlgorithm = 'rsa' | 'gost2015';

export interface TestKey {
  algorithm: TestPkiAlgorithm;
  /** PKCS#8 PrivateKeyInfo, PEM. */
  privateKeyPem: string;
  spki: pkijs.PublicKeyInfo;
  /** The signature value over `data` (SHA-256 with RSA, or GOST 2015 over Streebog-512 in NCA's r ‖ s layout). */
  sign(data: Uint8Array): Uint8Array;
  /** The AlgorithmIdentifier of what sign() makes, as certificates, CRLs and OCSP responses name it. */
  signatureAlgorithm(): pkijs.AlgorithmIdentifier;
}

/** GOST 2015-512 key parameters as NCA writes them: the curve's parameter set and Streebog-512. */
const GOST2015_PARAMETER_SET = '1.2.398.3.10.1.1.2.2.1';
const gostAlgorithm = () =>
  new pkijs.AlgorithmIdentifier({
    algorithmId: ALGORITHM_OID.gost2015Key,
    algorithmParams: new asn1js.Sequence({
      value: [new asn1js.ObjectIdentifier({ value: GOST2015_PARAMETER_SET }), new asn1js.ObjectIdentifier({ value: ALGORITHM_OID.streebog512 })],
    }),
  });

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
const derOfPem = (text: string) => new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const arrayBuffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;

function rsaKey(privateKey: KeyObject): TestKey {
  const spkiDer = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  return {
    algorithm: 'rsa',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spki: pkijs.PublicKeyInfo.fromBER(arrayBuffer(spkiDer)),
    sign: (data) => new Uint8Array(sign('sha256', data, privateKey)),
    signatureAlgorithm: () => new pkijs.AlgorithmIdentifier({ algorithmId: ALGORITHM_OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
  };
}

function gostKey(scalar: Uint8Array): TestKey {
  const point = gost2015PublicKey(scalar);
  const info = new pkijs.PrivateKeyInfo({
    version: 0,
    privateKeyAlgorithm: gostAlgorithm(),
    privateKey: new asn1js.OctetString({ valueHex: arrayBuffer(new Uint8Array(new asn1js.OctetString({ valueHex: arrayBuffer(scalar) }).toBER(false))) }),
  });
  return {
    algorithm: 'gost2015',
    privateKeyPem: pem('PRIVATE KEY', new Uint8Array(info.toSchema().toBER(false))),
    // The point sits in an OCTET STRING inside the BIT STRING, as in NCA's certificates.
    spki: new pkijs.PublicKeyInfo({
      algorithm: gostAlgorithm(),
      subjectPublicKey: new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: arrayBuffer(point) }).toBER(false) }),
    }),
    sign: (data) => signGost2015(scalar, streebog512(data)),
    // NCA writes NULL parameters after the GOST signature OID (its test CA certificate and CRL do).
    signatureAlgorithm: () => new pkijs.AlgorithmIdentifier({ algorithmId: ALGORITHM_OID.gost2015Signature512, algorithmParams: new asn1js.Null() }),
  };
}

export function newTestKey(algorithm: TestPkiAlgorithm): TestKey {
  if (algorithm === 'rsa') {
    // Native generation: a pure-JS 2048-bit key costs seconds (forge #125).
    return rsaKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  }
  for (;;) {
    const scalar = new Uint8Array(randomBytes(64));
    // A random 512-bit value is out of [1, q-1] now and then; gost2015PublicKey refuses those.
    try {
      gost2015PublicKey(scalar);
      return gostKey(scalar);
    } catch {
      continue;
    }
  }
}

/** An RSA KeyObject or a GOST scalar, from PKCS#8 PEM (as newTestKey writes it) or an RSA PKCS#1 PEM. */
function parsePrivateKey(privateKeyPem: string): { algorithm: 'rsa'; key: KeyObject } | { algorithm: 'gost2015'; scalar: Uint8Array } {
  if (privateKeyPem.includes('BEGIN PRIVATE KEY')) {
    const info = pkijs.PrivateKeyInfo.fromBER(arrayBuffer(derOfPem(privateKeyPem)));
    if (info.privateKeyAlgorithm.algorithmId === ALGORITHM_OID.gost2015Key) {
      const inner = asn1js.fromBER(info.privateKey.valueBlock.valueHexView.slice().buffer);
      if (!(inner.result instanceof asn1js.OctetString)) throw new Error('test PKI: malformed GOST private key');
      return { algorithm: 'gost2015', scalar: new Uint8Array(inner.result.valueBlock.valueHexView) };
    }
  }
  return { algorithm: 'rsa', key: createPrivateKey(privateKeyPem) };
}

export function testKeyFromPem(privateKeyPem: string): TestKey {
  const parsed = parsePrivateKey(privateKeyPem);
  return parsed.algorithm === 'gost2015' ? gostKey(parsed.scalar) : rsaKey(parsed.key);
}

/** A test key as the signature formats use keys (TSA tokens, results, OCSP), bound to its certificate. */
export function testSigningKey(privateKeyPem: string, certificateDer: Uint8Array): SigningKey {
  const parsed = parsePrivateKey(privateKeyPem);
  if (parsed.algorithm === 'gost2015') return gost2015SigningKey(parsed.scalar, certificateDer);
  return { algorithm: 'rsa', certificateDer, digest: (data) => digestFor('rsa', data), sign: rsaKey(parsed.key).sign };
}
