/**
 * Opens an NCA key file (PKCS#12). node-forge only decrypts the container, because Node's OpenSSL 3 refuses NCA's
 * legacy PBE (eds.md §0, §5); the certificates are read with PKI.js, which (unlike forge) reads GOST ones too.
 * The decrypted key stays in the returned object: the caller keeps it in local variables of one signing call.
 */
import { createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HostError } from '../../../shared/host/hostError';
import { gost2015PublicKey } from '../../../shared/pki/gost/gost2015';
import { ALGORITHM_OID, keyAlgorithmOf } from '../../../shared/pki/signatureAlgorithms';

const { pki, asn1, pkcs12, util } = forge;

export type UnlockedKey =
  | { algorithm: 'rsa'; privateKeyPem: string }
  /** 64 bytes, little-endian, as NCA stores it. */
  | { algorithm: 'gost2015'; privateKey: Uint8Array }
  /** Legacy GOST 34.310-2004: its certificate can be examined, but this workstation does not sign with it. */
  | { algorithm: 'gost2004' };

export interface OpenedKeyFile {
  key: UnlockedKey;
  certificate: pkijs.Certificate;
  certificateDer: Uint8Array;
  /** The file's other certificates: candidate intermediates, still to be checked against the anchors. */
  others: pkijs.Certificate[];
}

const derOf = (node: forge.asn1.Asn1): Uint8Array => new Uint8Array(Buffer.from(asn1.toDer(node).getBytes(), 'binary'));
const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(new Uint8Array(der).buffer);

/** The 64-byte private scalar from a GOST 2015 PrivateKeyInfo (an OCTET STRING inside privateKey, as Kalkan writes it). */
function gostPrivateKey(info: pkijs.PrivateKeyInfo): Uint8Array {
  let bytes = new Uint8Array(info.privateKey.valueBlock.valueHexView);
  const inner = asn1js.fromBER(bytes.slice().buffer);
  if (inner.offset !== -1 && inner.result instanceof asn1js.OctetString) bytes = new Uint8Array(inner.result.valueBlock.valueHexView);
  if (bytes.length !== 64) throw new HostError('keys.unreadable', 'GOST private key of unexpected length');
  return bytes;
}

function unlock(keyInfoDer: Uint8Array): UnlockedKey {
  const info = pkijs.PrivateKeyInfo.fromBER(keyInfoDer.slice().buffer);
  switch (info.privateKeyAlgorithm.algorithmId) {
    case ALGORITHM_OID.rsaEncryption:
      return { algorithm: 'rsa', privateKeyPem: pki.privateKeyInfoToPem(asn1.fromDer(util.createBuffer(Buffer.from(keyInfoDer).toString('binary')))) };
    case ALGORITHM_OID.gost2015Key:
      return { algorithm: 'gost2015', privateKey: gostPrivateKey(info) };
    case ALGORITHM_OID.gost2004Key:
      return { algorithm: 'gost2004' };
    default:
      throw new HostError('keys.unreadable', `key algorithm ${info.privateKeyAlgorithm.algorithmId}`);
  }
}

function publicKeyMatches(key: UnlockedKey, certificate: pkijs.Certificate): boolean {
  const algorithm = keyAlgorithmOf(certificate.subjectPublicKeyInfo);
  if (key.algorithm === 'gost2015') {
    if (algorithm !== 'gost2015') return false;
    const inner = asn1js.fromBER(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
    const point = inner.result instanceof asn1js.OctetString ? new Uint8Array(inner.result.valueBlock.valueHexView) : new Uint8Array();
    return Buffer.from(point).equals(Buffer.from(gost2015PublicKey(key.privateKey)));
  }
  // The key material of a legacy GOST key is not kept, so its certificate is the one of its algorithm.
  if (key.algorithm === 'gost2004') return algorithm === 'gost2004';
  if (algorithm !== 'rsa') return false;
  const fromKey = createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'der' });
  return Buffer.from(fromKey).equals(Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false)));
}

export function openKeyFile(der: Uint8Array, password: string): OpenedKeyFile {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = pkcs12.pkcs12FromAsn1(asn1.fromDer(util.createBuffer(Buffer.from(der).toString('binary'))), password);
  } catch (error) {
    // forge reports a wrong password only through the MAC check; anything else is a damaged file.
    const message = error instanceof Error ? error.message : '';
    throw new HostError(message.includes('MAC could not be verified') ? 'keys.wrongPassword' : 'keys.unreadable');
  }
  const bagsOf = (bagType: string) => p12.getBags({ bagType })[bagType] ?? [];
  const keyBags = [...bagsOf(pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(pki.oids.keyBag!)];
  // Certificates alone (a CA's, or someone's certificate exported as .p12) hold nothing to sign with.
  if (keyBags.length === 0) throw new HostError('keys.noPrivateKey');
  // forge decodes RSA keys and certificates itself and leaves anything else as ASN.1: take the DER either way.
  const keyBag = keyBags[0]!;
  const keyInfoDer = keyBag.key ? derOf(pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(keyBag.key))) : keyBag.asn1 ? derOf(keyBag.asn1) : null;
  if (!keyInfoDer) throw new HostError('keys.unreadable', 'empty key bag');
  const key = unlock(keyInfoDer);
  const certificates = bagsOf(pki.oids.certBag!).flatMap((bag) => {
    const certificateDer = bag.cert ? derOf(pki.certificateToAsn1(bag.cert)) : bag.asn1 ? derOf(bag.asn1) : null;
    return certificateDer ? [{ certificateDer, certificate: parseCertificate(certificateDer) }] : [];
  });
  const own = certificates.find((entry) => publicKeyMatches(key, entry.certificate));
  // A legacy GOST key is refused for its algorithm before anything else: that is what the operator can act on.
  if (!own) throw new HostError(key.algorithm === 'gost2004' ? 'keys.gost2004NeedsNcaLayer' : 'keys.unreadable', 'no certificate for the key');
  return { key, certificate: own.certificate, certificateDer: own.certificateDer, others: certificates.filter((entry) => entry !== own).map((entry) => entry.certificate) };
}
