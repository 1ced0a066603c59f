/**
 * Key store over a folder of NCA key files (`RSA256_<ski>.p12`, `AUTH_RSA256_<ski>.p12`, …). node-forge
 * opens them because Node's OpenSSL 3 refuses NCA's legacy PKCS#12 encryption (eds.md §0, §5).
 * The decrypted key lives only in local variables of one signPackage call: no cache, no logging, and the
 * password goes no further than forge.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { HostError } from '../../../shared/host/hostError';
import { checkSigningCertificate, signerFromCertificate } from './certificateChecks';
import type { KeyFileEntry, KeyStore } from './keyStore';
import { signAttachmentDigests } from './attachmentSignatures';
import { signXmlEnveloped } from './xmlSignature';

const { pki, asn1, pkcs12, util } = forge;

const KEY_FILE = /\.(p12|pfx)$/i;

function kindOf(fileName: string): KeyFileEntry['kind'] {
  const name = fileName.toUpperCase();
  if (name.startsWith('AUTH_')) return 'auth';
  if (name.startsWith('GOST')) return 'gost';
  if (name.startsWith('RSA256_')) return 'sign';
  return 'unknown';
}

async function readKeyFile(folder: string, keyId: string): Promise<Buffer> {
  // The id comes from the renderer: it must name a key file directly inside the folder.
  if (!KEY_FILE.test(keyId) || /[/\\]/.test(keyId) || keyId.includes('..')) throw new HostError('keys.notFound');
  try {
    return await readFile(join(folder, keyId));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HostError(code === 'ENOENT' || code === 'EISDIR' ? 'keys.notFound' : 'keys.unreadable');
  }
}

interface OpenedKey {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** The file's other certificates: candidate intermediates, still to be checked against the anchors. */
  others: forge.pki.Certificate[];
}

function openPkcs12(der: Buffer, password: string): OpenedKey {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = pkcs12.pkcs12FromAsn1(asn1.fromDer(util.createBuffer(der.toString('binary'))), password);
  } catch (error) {
    // forge reports a wrong password only through the MAC check; anything else is a damaged file.
    const message = error instanceof Error ? error.message : '';
    throw new HostError(message.includes('MAC could not be verified') ? 'keys.wrongPassword' : 'keys.unreadable');
  }
  const bagsOf = (bagType: string) => p12.getBags({ bagType })[bagType] ?? [];
  const keyBags = [...bagsOf(pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(pki.oids.keyBag!)];
  // Certificates alone (a CA's, or someone's certificate exported as .p12) hold nothing to sign with.
  if (keyBags.length === 0) throw new HostError('keys.noPrivateKey');
  // forge leaves `key` null for algorithms it cannot read, which for NCA files means GOST.
  const privateKey = keyBags.find((bag) => bag.key)?.key as
    | forge.pki.rsa.PrivateKey
    | undefined;
  if (!privateKey) throw new HostError('keys.gost2004NeedsNcaLayer');
  const certificates = bagsOf(pki.oids.certBag!).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const certificate = certificates.find((cert) => (cert.publicKey as forge.pki.rsa.PublicKey).n.equals(privateKey.n));
  if (!certificate) throw new HostError('keys.unreadable', 'no certificate for the key');
  return { privateKey, certificate, others: certificates.filter((cert) => cert !== certificate) };
}

export function createPkcs12FolderKeyStore(folder: string): KeyStore {
  return {
    async list() {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        // No folder yet simply means no keys have been put there.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return names
        .filter((name) => KEY_FILE.test(name))
        .sort()
        .map((name) => ({ id: name, fileName: name, kind: kindOf(name) }));
    },

    async signPackage(keyId, password, xml, policy, attachmentDigestsHex = []) {
      const { privateKey, certificate, others } = openPkcs12(await readKeyFile(folder, keyId), password);
      checkSigningCertificate(certificate, others, policy);
      const certificatePem = pki.certificateToPem(certificate);
      await policy.checkRevocation(certificatePem);
      const privateKeyPem = pki.privateKeyToPem(privateKey);
      const signedXml = signXmlEnveloped(xml, privateKeyPem, certificatePem);
      const attachmentSignatures = await signAttachmentDigests(attachmentDigestsHex, {
        privateKeyPem,
        certificateDer: Buffer.from(asn1.toDer(pki.certificateToAsn1(certificate)).getBytes(), 'binary'),
        signingTime: policy.at,
      });
      return { signedXml, attachmentSignatures, signer: signerFromCertificate(certificate) };
    },
  };
}
