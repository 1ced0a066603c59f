/**
 * Key files in the PKCS#12 folder and the passwords typed for them, through a whole signing act on the real host
 * (signing.start, the host's own password prompt, signing.result). Refusals are the codes the prompt shows.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { gostLikePkcs12 } from '../../../sandbox/pki/testPki';
import { outcomeOf, type BadInputCase } from '../corpus';
import { sign, TRAINING_KEY_PASSWORD, type Workstation } from '../workstation';

/** The operator's good key still signs with the right password. */
export async function goodSigningStillWorks(workstation: Workstation): Promise<void> {
  const signed = await sign(workstation, workstation.signKeyId);
  if (!signed.signedXml.includes('SignatureValue')) throw new Error('no signature in the signed request');
}

const ownKey = (workstation: Workstation) => readFile(join(workstation.keysDir, workstation.signKeyId));

/** A key file written for the case (and removed after it, so the folder holds only the operator's keys). */
function keyFile(id: string, description: string, fileName: string, bytes: (workstation: Workstation) => Promise<Uint8Array> | Uint8Array, expected: string, passwords = [TRAINING_KEY_PASSWORD]): BadInputCase<Workstation> {
  return {
    id,
    area: 'key',
    description,
    expected,
    stillWorks: goodSigningStillWorks,
    async run(workstation) {
      const path = join(workstation.keysDir, fileName);
      await writeFile(path, await bytes(workstation));
      try {
        return await outcomeOf(sign(workstation, fileName, passwords));
      } finally {
        await rm(path, { force: true });
      }
    },
  };
}

/** The operator's own key (or another id the desk could send) with the passwords typed into the prompt. */
function signing(id: string, description: string, expected: string, { passwords = [TRAINING_KEY_PASSWORD], keyId = (workstation: Workstation) => workstation.signKeyId } = {}): BadInputCase<Workstation> {
  return { id, area: 'key', description, expected, stillWorks: goodSigningStillWorks, run: (workstation) => outcomeOf(sign(workstation, keyId(workstation), passwords)) };
}

const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

export const keyCases: BadInputCase<Workstation>[] = [
  keyFile('key-corrupt', 'a .p12 of random bytes', 'RSA256_corrupt.p12', () => randomBytes(2048), 'errors.keys.unreadable'),
  keyFile('key-truncated', 'the operator’s .p12 cut off halfway', 'RSA256_cut.p12', async (workstation) => {
    const bytes = await ownKey(workstation);
    return bytes.subarray(0, Math.floor(bytes.length / 2));
  }, 'errors.keys.unreadable'),
  keyFile('key-empty-file', 'a .p12 of zero bytes', 'RSA256_empty.p12', () => new Uint8Array(0), 'errors.keys.unreadable'),
  keyFile('key-pem-as-p12', 'a PEM certificate saved as .p12', 'RSA256_pem.p12', (workstation) => Buffer.from(workstation.pki.rootCertPem), 'errors.keys.unreadable'),
  signing('key-wrong-password', 'a wrong key password', 'errors.keys.wrongPassword', { passwords: ['qwerty12'] }),
  signing('key-empty-password', 'an empty key password', 'errors.keys.wrongPassword', { passwords: [''] }),
  signing('key-password-limit', 'five wrong passwords in one signing act', 'errors.signing.tooManyAttempts', { passwords: ['1', '2', '3', '4', '5'] }),
  keyFile('key-no-private-key', 'a .p12 holding certificates and no key', 'RSA256_certs.p12', (workstation) =>
    der(forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(workstation.pki.rootCertPem), forge.pki.certificateFromPem(workstation.pki.intermediateCertPem)], TRAINING_KEY_PASSWORD, { algorithm: '3des' })),
  'errors.keys.noPrivateKey'),
  keyFile('key-two-foreign-certificates', 'a key whose file carries two certificates, neither of them its own', 'RSA256_mixed.p12', (workstation) => {
    const { privateKey: pem } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const privateKey = forge.pki.privateKeyFromPem(pem);
    const certificates = [workstation.pki.rootCertPem, workstation.pki.intermediateCertPem].map((pem) => forge.pki.certificateFromPem(pem));
    return der(forge.pkcs12.toPkcs12Asn1(privateKey, certificates, TRAINING_KEY_PASSWORD, { algorithm: '3des' }));
  }, 'errors.keys.unreadable'),
  signing('key-auth', 'the authentication (AUTH_) key chosen to sign', 'errors.keys.notSigningKey', { keyId: (workstation) => workstation.authKeyId }),
  keyFile('key-gost', 'a GOST key file', 'GOSTKNCA_operator.p12', () => gostLikePkcs12(TRAINING_KEY_PASSWORD), 'errors.keys.gost2004NeedsNcaLayer'),
  signing('key-outside-folder', 'a key id that leaves the key folder', 'errors.keys.notFound', { keyId: () => '../station/keys/RSA256_x.p12' }),
  signing('key-gone', 'a key file removed after the list was shown', 'errors.keys.notFound', { keyId: () => 'RSA256_removed.p12' }),
];
