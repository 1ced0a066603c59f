/**
 * Training mode's stand-in world: the sandbox e-licensing gateway embedded in this process and a test CA
 * that issues each new operator a key, so a trainee can take a request end to end on a laptop offline.
 * This is the one place in electron/ that may import sandbox/ (enforced by the lint rules).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperatorProfile } from '../../shared/host/hostApi';
import { isValidIin } from '../../shared/identity/iin';
import { TRAINING_KEY_PASSWORD } from '../../shared/training/trainingKeys';
import { createTestPki, TEST_PKI_PUBLICATION_BASE, type TestPki, type TestPkiAlgorithm, type TestPkiState } from '../../sandbox/pki/testPki';
import { createAttachmentVerifier } from '../../sandbox/pki/attachmentVerifier';
import { verifyRequestSignature } from '../../sandbox/pki/verifyRequestSignature';
import { createTimestampAuthority } from '../../sandbox/tsa/timestampAuthority';
import { createCrlPublisher } from '../../sandbox/crl/crlPublisher';
import { createPkiPublication } from '../../sandbox/crl/pkiPublication';
import { createResultSigner } from '../../sandbox/processing/resultDocument';
import { TRAINING_GATEWAY_CLIENT } from '../../shared/training/trainingGatewayClient';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { writeFileAtomically } from '../host/storage/atomicFile';


export interface TrainingWorld {
  gatewayUrl: string;
  /** The client credentials the embedded sandbox accepts (POST /v1/oauth/token). */
  gatewayClient: { clientId: string; clientSecret: string };
  /** Roots (and the issuing intermediate) a training signature chains to. */
  trustedRootsPem: string[];
  /** Where the training CA's published URLs (CRLs, OCSP) are served: the sandbox's /pki. */
  resolvePkiUrl(url: string): string;
  issueOperatorKeys(operator: OperatorProfile): Promise<void>;
  close(): Promise<void>;
}

/**
 * The training CA's algorithm: GOST 34.10-2015, as NCA issues signing keys today. A CA saved earlier keeps its own
 * algorithm (RSA for workstations set up before), so keys issued yesterday still chain to today's trusted root.
 */
export const TRAINING_CA_ALGORITHM: TestPkiAlgorithm = 'gost2015';

/** The training CA survives restarts, so keys issued yesterday still chain to today's trusted root. */
async function loadOrCreateCa(file: string, algorithm: TestPkiAlgorithm): Promise<TestPki> {
  const saved = await readFile(file, 'utf8').catch(() => null);
  if (saved) return createTestPki(JSON.parse(saved) as TestPkiState);
  const pki = createTestPki({ algorithm });
  await writeFileAtomically(file, JSON.stringify(pki.exportState()));
  return pki;
}

/** NCA puts "SURNAME GIVEN" in CN; an operator's full name is typed the same way on the setup screen. */
function splitFullName(fullName: string): { surname: string; givenName: string } {
  const [surname = fullName, ...rest] = fullName.trim().split(/\s+/);
  return { surname: surname.toUpperCase(), givenName: (rest.join(' ') || surname).toUpperCase() };
}

export async function startTrainingWorld(options: {
  dataDir: string;
  keysDir: string;
  externalGatewayUrl?: string;
  /** NCA test certificates the embedded sandbox also accepts signers under (the "NCA test" trust profile). */
  extraAnchorsPem?: readonly string[];
  /** The algorithm of a training CA made now (default TRAINING_CA_ALGORITHM); a saved one keeps its own. */
  caAlgorithm?: TestPkiAlgorithm;
}): Promise<TrainingWorld> {
  const ca = await loadOrCreateCa(join(options.dataDir, 'training-ca.json'), options.caAlgorithm ?? TRAINING_CA_ALGORITHM);
  const trustedRootsPem = [ca.rootCertPem, ca.intermediateCertPem];
  const sandboxAnchorsPem = [...trustedRootsPem, ...(options.extraAnchorsPem ?? [])];
  // For a sandbox run outside this process (tests, a trainer's shared server) to trust the same CA.
  await writeFileAtomically(join(options.dataDir, 'training-trust.pem'), trustedRootsPem.join('\n'));
  let sandbox: RunningSandbox | null = null;
  if (!options.externalGatewayUrl) {
    const crlPublisher = createCrlPublisher({ testPki: ca });
    sandbox = await startSandbox({
      dataDir: join(options.dataDir, 'sandbox'),
      verifySignature: (signedXml) => verifyRequestSignature(signedXml, sandboxAnchorsPem),
      verifyAttachmentSignature: createAttachmentVerifier(sandboxAnchorsPem),
      tsa: await createTimestampAuthority(ca.issueTsaCertificate()),
      crl: () => crlPublisher.crl(),
      // The CA's publication point: full and delta CRLs and OCSP, at the URLs its certificates name (resolvePkiUrl).
      pki: createPkiPublication({ testPki: ca, crlPublisher }),
      // Results are signed by a provider key from the same CA, so they chain to the root the workstation pins.
      resultSigner: await createResultSigner(ca),
      clients: { [TRAINING_GATEWAY_CLIENT.clientId]: TRAINING_GATEWAY_CLIENT.clientSecret },
    });
  }
  const gatewayUrl = options.externalGatewayUrl ?? sandbox!.url;
  return {
    gatewayUrl,
    gatewayClient: TRAINING_GATEWAY_CLIENT,
    trustedRootsPem,
    resolvePkiUrl: (url) => (url.startsWith(`${TEST_PKI_PUBLICATION_BASE}/`) ? `${gatewayUrl}/pki${url.slice(TEST_PKI_PUBLICATION_BASE.length)}` : url),
    async issueOperatorKeys(operator) {
      // An account with an NCA test IIN (the "NCA test" profile) signs with its real NCA test key, not a training one.
      if (!isValidIin(operator.iin)) return;
      for (const usage of ['sign', 'auth'] as const) {
        const leaf = ca.issueLeaf({ operator: { iin: operator.iin, ...splitFullName(operator.fullName) }, usage, password: TRAINING_KEY_PASSWORD });
        await writeFileAtomically(join(options.keysDir, leaf.fileName), leaf.p12Der);
      }
    },
    close: async () => sandbox?.close(),
  };
}
