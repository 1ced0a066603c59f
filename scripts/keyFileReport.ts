/**
 * What the sign dialog would conclude about a key file, outside the app (`npm run keys:check`, `npm run sign`): the
 * shared signer evaluation against the chosen trust profile, the operator-role rule, and whether this workstation can
 * sign with its algorithm. Revocation comes from the profile's CRLs and the given CRL files, as the dialog does offline.
 */
import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { HostError, type HostErrorCode } from '../shared/host/hostError';
import { messages, type Language } from '../shared/i18n/messages';
import { CRL_LABELS, derObjectsOf } from '../shared/pki/pem';
import type { TrustProfileId } from '../shared/pki/trustProfiles';
import { KEY_ALGORITHM_NAME } from '../shared/pki/signatureAlgorithms';
import { evaluateSignerCertificate, subjectText, type SignerEvaluation } from '../shared/pki/signerCertificate';
import { fitsOperatorRole, PROBLEM_CODES } from '../electron/host/keys/certificateChecks';
import { openKeyFile, type OpenedKeyFile } from '../electron/host/keys/pkcs12Container';
import { loadWorkstationTrust } from '../electron/host/trust/trustStore';

const crypto = webcrypto as unknown as SignerEvaluation['crypto'];

export interface KeyFileQuestion {
  keyPath: string;
  password: string;
  at: Date;
  profile: TrustProfileId;
  /** The administrator's trust folder (PEM or DER), '' for none. */
  trustDir: string;
  crlFiles: readonly string[];
  language: Language;
}

export interface KeyFileReport {
  key: string;
  canSign: boolean;
  /** The sign dialog's refusal code and its text in the chosen language, when it could not sign. */
  problem: HostErrorCode | null;
  message: string | null;
  detail: string | null;
  algorithm: string | null;
  role: 'sign' | 'auth' | null;
  /** The signer's common name, then each issuer up to the pinned certificate it chains to. */
  chain: string[];
  revocation: string;
  iin: string | null;
  bin: string | null;
  commonName: string | null;
  validFrom: string | null;
  validTo: string | null;
  at: string;
  profile: TrustProfileId;
}

/** The report, and the opened key when it can sign (for `npm run sign`). */
export async function judgeKeyFile(question: KeyFileQuestion): Promise<{ report: KeyFileReport; opened: OpenedKeyFile | null }> {
  const refusal = (report: KeyFileReport, code: HostErrorCode, detail?: string) => ({
    report: { ...report, canSign: false, problem: code, message: messages[question.language].errors[code], detail: detail ?? null },
    opened: null,
  });
  const base: KeyFileReport = {
    key: question.keyPath,
    canSign: false,
    problem: null,
    message: null,
    detail: null,
    algorithm: null,
    role: null,
    chain: [],
    revocation: 'not checked',
    iin: null,
    bin: null,
    commonName: null,
    validFrom: null,
    validTo: null,
    at: question.at.toISOString(),
    profile: question.profile,
  };
  let opened: OpenedKeyFile;
  try {
    opened = openKeyFile(new Uint8Array(await readFile(question.keyPath)), question.password);
  } catch (error) {
    if (error instanceof HostError) return refusal(base, error.code, error.detail);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refusal(base, 'keys.notFound');
    throw error;
  }
  const trust = await loadWorkstationTrust({ profile: question.profile, trustDir: question.trustDir });
  const extraCrls = (await Promise.all(question.crlFiles.map(async (file) => derObjectsOf(new Uint8Array(await readFile(file)), CRL_LABELS)))).flat();
  const verdict = await evaluateSignerCertificate(opened.certificate, {
    anchors: trust.anchors,
    bundled: opened.others,
    crls: [...trust.crls, ...extraCrls.map((der) => pkijs.CertificateRevocationList.fromBER(new Uint8Array(der)))],
    requireRevocation: true,
    at: question.at,
    crypto,
  });
  const { signer, revocation } = verdict;
  const report: KeyFileReport = {
    ...base,
    algorithm: signer.keyAlgorithm ? KEY_ALGORITHM_NAME[signer.keyAlgorithm] : null,
    role: signer.role,
    chain: verdict.ok ? verdict.chain.map((certificate) => subjectText(certificate, '2.5.4.3') ?? '?') : [signer.commonName],
    revocation:
      revocation?.status === 'revoked'
        ? `revoked on ${revocation.revokedAt.toISOString()}`
        : revocation?.status === 'good'
          ? `good (CRL of ${revocation.crlThisUpdate.toISOString()})`
          : 'not checked (no CRL of the issuer at hand)',
    iin: signer.iin,
    bin: signer.bin,
    commonName: signer.commonName,
    validFrom: signer.notBefore.toISOString(),
    validTo: signer.notAfter.toISOString(),
  };
  if (!verdict.ok) {
    const incomplete = verdict.problem === 'untrustedChain' && trust.report.missing.length > 0;
    return incomplete ? refusal(report, 'keys.trustIncomplete', trust.report.missing.join(', ')) : refusal(report, PROBLEM_CODES[verdict.problem], verdict.detail);
  }
  if (signer.keyAlgorithm === 'gost2004') return refusal(report, 'keys.gost2004NeedsNcaLayer');
  if (!fitsOperatorRole(signer, { trust })) return refusal(report, 'keys.wrongRole');
  return { report: { ...report, canSign: true }, opened };
}

/** The report as aligned lines for a terminal. */
export function reportLines(report: KeyFileReport): string[] {
  const rows: [string, string | null][] = [
    ['key', report.key],
    ['can sign', report.canSign ? 'yes' : `no — ${report.message}${report.detail ? ` (${report.detail})` : ''}`],
    ['algorithm', report.algorithm],
    ['role', report.role === 'auth' ? 'AUTH (authentication)' : report.role === 'sign' ? 'SIGN' : null],
    ['owner', report.commonName],
    ['IIN', report.iin],
    ['BIN', report.bin],
    ['valid', report.validFrom && `${report.validFrom} – ${report.validTo}`],
    ['chain', report.chain.join(' ← ')],
    ['revocation', report.revocation],
    ['judged at', `${report.at} (profile ${report.profile})`],
  ];
  return rows.flatMap(([name, value]) => (value ? [`${name.padEnd(10)} ${value}`] : []));
}

/** The password from a file's first line or, without one, the first line of standard input. */
export async function readPassword(passwordFile: string | undefined): Promise<string> {
  if (passwordFile) return (await readFile(passwordFile, 'utf8')).split(/\r?\n/)[0] ?? '';
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** The command-line options of the tools that open a key file (parseArgs shape). */
export const KEY_FILE_OPTIONS = {
  key: { type: 'string' },
  'password-file': { type: 'string' },
  at: { type: 'string' },
  profile: { type: 'string', default: 'production' },
  trust: { type: 'string', default: '' },
  crl: { type: 'string', multiple: true, default: [] as string[] },
} as const;

/** --profile test|production as a trust profile id, null when it is neither. */
export const profileOption = (value: string | undefined): TrustProfileId | null => (value === 'test' ? 'ncaTest' : value === 'production' ? 'ncaProduction' : null);

/** The question KEY_FILE_OPTIONS ask (the password read now), or null when they are not usable. */
export async function keyFileQuestion(
  values: { key?: string; 'password-file'?: string; at?: string; profile: string; trust: string; crl: string[] },
  language: Language,
): Promise<KeyFileQuestion | null> {
  const at = values.at ? new Date(values.at) : new Date();
  const profile = profileOption(values.profile);
  if (!values.key || Number.isNaN(at.getTime()) || !profile) return null;
  return { keyPath: values.key, password: await readPassword(values['password-file']), at, profile, trustDir: values.trust, crlFiles: values.crl, language };
}
