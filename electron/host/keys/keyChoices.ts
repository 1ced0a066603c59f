/**
 * The key picker's view of the key store: who each key belongs to and whether it can sign, before any password.
 * A key file with a remembered certificate is judged by the signing act's own checks (checkKeyFileCertificate); one
 * never unlocked here is told by its NCA file-name prefix (an AUTH_ key authenticates, a GOSTKNCA_ one needs NCALayer).
 */
import * as pkijs from 'pkijs';
import type { KeyChoice } from '../../../shared/host/hostApi';
import { HostError } from '../../../shared/host/hostError';
import { signerFacts, type SignerFacts } from '../../../shared/pki/signerCertificate';
import type { KeyFileEntry, SigningPolicy } from './keyStore';
import { checkKeyFileCertificate } from './pkcs12FolderKeyStore';

const BY_NAME: Partial<Record<KeyFileEntry['kind'], KeyChoice['refusal']>> = {
  auth: { code: 'keys.notSigningKey', detail: null },
  gost: { code: 'keys.gost2004NeedsNcaLayer', detail: null },
};

async function choiceOf(entry: KeyFileEntry, policy: SigningPolicy): Promise<KeyChoice> {
  const base = { id: entry.id, fileName: entry.fileName, kind: entry.kind };
  if (!entry.certificate) return { ...base, algorithm: entry.algorithm, certificate: null, refusal: BY_NAME[entry.kind] ?? null };
  let facts: SignerFacts;
  let others: pkijs.Certificate[];
  try {
    facts = signerFacts(pkijs.Certificate.fromBER(new Uint8Array(entry.certificate.certificateDer)));
    others = entry.certificate.othersDer.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  } catch {
    // A remembered certificate that no longer parses tells nothing: the file name speaks, as before the first unlock.
    return { ...base, algorithm: entry.algorithm, certificate: null, refusal: BY_NAME[entry.kind] ?? null };
  }
  let refusal: KeyChoice['refusal'] = null;
  try {
    await checkKeyFileCertificate(entry.certificate.certificateDer, others, policy);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    refusal = { code: error.code, detail: error.detail ?? null };
  }
  return {
    ...base,
    algorithm: facts.keyAlgorithm ?? entry.algorithm,
    certificate: {
      commonName: facts.commonName,
      iin: facts.iin,
      bin: facts.bin,
      organization: facts.organization,
      role: facts.role,
      validFrom: facts.notBefore.toISOString(),
      validTo: facts.notAfter.toISOString(),
    },
    refusal,
  };
}

/** Each key as the picker shows it, in the store's order; `policy` is the one a signing act would have now. */
export async function keyChoices(entries: readonly KeyFileEntry[], policy: SigningPolicy): Promise<KeyChoice[]> {
  return Promise.all(entries.map((entry) => choiceOf(entry, policy)));
}
