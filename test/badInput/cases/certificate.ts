/**
 * Certificates of the key chosen to sign, issued by the test CA (or by none) the ways real ones go wrong, and the
 * revocation list in the states it can be in. Each is signed with through the real host, like a key file.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createTestPki, type IssuedLeaf, type LeafMisfit, type TestPki } from '../../../sandbox/pki/testPki';
import { outcomeOf, type BadInputCase } from '../corpus';
import { OPERATOR_IIN, sign, TRAINING_KEY_PASSWORD, type Station, type Workstation } from '../workstation';
import { goodSigningStillWorks } from './key';

const DAY_MS = 86_400_000;
const operator = { iin: OPERATOR_IIN, surname: 'СЕЙТҚАЛИ', givenName: 'АЙГЕРІМ' };

interface LeafOrder {
  usage?: 'sign' | 'auth';
  notBefore?: Date;
  notAfter?: Date;
  misfit?: LeafMisfit;
  iin?: string;
  organization?: { name: string; bin: string };
  /** Another CA than the workstation's. */
  pki?: () => TestPki;
}

const issue = (pki: TestPki, order: LeafOrder): IssuedLeaf =>
  pki.issueLeaf({
    operator: { ...operator, ...(order.iin ? { iin: order.iin } : {}), ...(order.organization ? { organization: order.organization } : {}) },
    usage: order.usage ?? 'sign',
    password: TRAINING_KEY_PASSWORD,
    ...(order.notBefore ? { notBefore: order.notBefore } : {}),
    ...(order.notAfter ? { notAfter: order.notAfter } : {}),
    ...(order.misfit ? { misfit: order.misfit } : {}),
  });

/** Signs with the leaf put in the station's key folder under a signing key's name (the name claims nothing here). */
async function signWithLeaf(station: Station, leaf: IssuedLeaf) {
  const fileName = `RSA256_case${leaf.serialNumber.slice(0, 8)}.p12`;
  await writeFile(join(station.keysDir, fileName), leaf.p12Der);
  try {
    return await outcomeOf(sign(station, fileName));
  } finally {
    await rm(join(station.keysDir, fileName), { force: true });
  }
}

function certificate(id: string, description: string, order: LeafOrder, expected: string): BadInputCase<Workstation> {
  return { id, area: 'certificate', description, expected, stillWorks: goodSigningStillWorks, run: (workstation) => signWithLeaf(workstation, issue(order.pki?.() ?? workstation.pki, order)) };
}

/**
 * A revocation-list state one workstation never goes back to (a CRL once cached is only replaced by a newer one),
 * so the case starts a workstation of its own on the same CA and gateway; the good signing afterwards is on it too.
 */
function revocation(id: string, description: string, crl: 'stale' | 'none' | 'fresh', expected: string, leafOf: (workstation: Workstation) => IssuedLeaf | null): BadInputCase<Workstation> {
  let station: Station | null = null;
  return {
    id,
    area: 'certificate',
    description,
    expected,
    async run(workstation) {
      // The leaf (and its revocation) first: the new workstation fetches its revocation list as it starts.
      const leaf = leafOf(workstation);
      station = await workstation.another(crl);
      return leaf ? signWithLeaf(station, leaf) : outcomeOf(sign(station, station.signKeyId));
    },
    async stillWorks(workstation) {
      workstation.gateway.setCrl('fresh');
      await goodSigningStillWorks({ ...workstation, ...station! });
    },
  };
}

export const certificateCases: BadInputCase<Workstation>[] = [
  certificate('cert-expired', 'a certificate that expired yesterday', { notBefore: new Date(Date.now() - 400 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }, 'errors.keys.expired'),
  certificate('cert-not-yet-valid', 'a certificate valid from tomorrow', { notBefore: new Date(Date.now() + DAY_MS) }, 'errors.keys.notYetValid'),
  certificate('cert-untrusted-root', 'a certificate from a CA the workstation does not pin', { pki: () => createTestPki() }, 'errors.keys.untrustedChain'),
  certificate('cert-self-signed', 'a self-signed certificate with the operator’s name and IIN', { misfit: { selfSigned: true } }, 'errors.keys.untrustedChain'),
  certificate('cert-auth-usage', 'an authentication certificate in a file named as a signing key', { usage: 'auth' }, 'errors.keys.notSigningKey'),
  certificate('cert-no-employee-role', 'a signing certificate without the organisation employee’s role', { misfit: { extKeyUsage: { emailProtection: true } } }, 'errors.keys.wrongRole'),
  certificate('cert-other-person', 'a certificate of another person’s IIN', { iin: withCheckDigit('90020240013')! }, 'errors.keys.iinMismatch'),
  certificate('cert-organisation', 'a legal entity’s own certificate (SERIALNUMBER BIN…, no person)', { organization: { name: 'ХҚКО ТЕСТ', bin: withCheckDigit('15044012340')! }, misfit: { serialNumber: `BIN${withCheckDigit('15044012340')!}` } }, 'errors.keys.iinMismatch'),
  certificate('cert-no-identity', 'a legal-entity employee certificate with neither IIN nor BIN', { misfit: { serialNumber: '' } }, 'errors.keys.iinMismatch'),
  revocation('cert-revoked', 'a certificate the CA has revoked', 'fresh', 'errors.keys.revoked', (workstation) => {
    const leaf = issue(workstation.pki, {});
    workstation.gateway.revoke(leaf.serialNumber);
    return leaf;
  }),
  revocation('cert-crl-stale', 'the only revocation list to be had is past its next update', 'stale', 'errors.keys.crlStale', () => null),
  revocation('cert-crl-missing', 'no revocation list was ever fetched (the distribution point is down)', 'none', 'errors.keys.crlMissing', () => null),
];
