/**
 * What this workstation trusts: the chosen trust profile's certificates (the copies the app carries, each checked
 * against its pinned SHA-256) and whatever the administrator placed in the trust folder (`<data>/trust/`, PEM or
 * DER, `.pem` `.cer` `.crt`), plus training's own CA in training mode (withExtraAnchors). Read once at start; the report tells the
 * Settings screen which profile certificates are there, which came from the folder and which are missing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { certificatePem, CERTIFICATE_LABELS, certificatesDerOf, derObjectsOf } from '../../../shared/pki/pem';
import { subjectText } from '../../../shared/pki/signerCertificate';
import { trustProfile, type ProfileCertificate, type TrustProfile, type TrustProfileId } from '../../../shared/pki/trustProfiles';
import { NCA_TEST_MATERIAL } from './ncaTestMaterial';

const COMMON_NAME = '2.5.4.3';
const TRUST_FILE = /\.(pem|cer|crt)$/i;

/** Per certificate of the profile: 'pinned' (the app's copy), 'fromFolder' (the trust folder's), or 'missing'. */
export interface ProfileCertificateState extends ProfileCertificate {
  state: 'pinned' | 'fromFolder' | 'missing';
  /** The SHA-256 of the certificate in use (for an administrator to compare with NCA's site), or null. */
  inUseSha256: string | null;
}

/** Per file of the trust folder: used as a trust anchor, or why not. */
export interface TrustFolderFile {
  file: string;
  state: 'used' | 'unreadable' | 'pinMismatch';
  commonName: string | null;
  sha256: string | null;
}

export interface TrustReport {
  /** null: training's own CA alone (training mode with the NCA production profile chosen). */
  profile: TrustProfileId | null;
  /** Where the administrator's certificates are read from. */
  trustFolder: string;
  certificates: ProfileCertificateState[];
  folder: TrustFolderFile[];
  /** Required profile certificates nothing supplied: signing with keys under them is refused as untrusted. */
  missing: string[];
}

export interface WorkstationTrust {
  profile: TrustProfileId | null;
  /** Every trust anchor, roots and intermediates alike (NCA key files and KeyInfo carry only the leaf). */
  anchors: pkijs.Certificate[];
  /** The same anchors as PEM, for the parts that take PEM (CRL cache, catalog, result checks, NCALayer's chain). */
  anchorsPem: string[];
  /** The profile's CRLs (the test PKI's); a CRL counts only where a trusted certificate signed it. */
  crls: pkijs.CertificateRevocationList[];
  report: TrustReport;
}

const sha256Hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(new Uint8Array(der));

interface FolderCertificate {
  file: string;
  der: Uint8Array;
  certificate: pkijs.Certificate;
  commonName: string | null;
  sha256: string;
}

async function readTrustFolder(folder: string): Promise<{ certificates: FolderCertificate[]; unreadable: TrustFolderFile[] }> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => TRUST_FILE.test(name)).sort();
  const certificates: FolderCertificate[] = [];
  const unreadable: TrustFolderFile[] = [];
  for (const file of names) {
    const bytes = await readFile(join(folder, file)).catch(() => null);
    let parsed: FolderCertificate[];
    try {
      parsed = bytes
        ? derObjectsOf(new Uint8Array(bytes), CERTIFICATE_LABELS).map((der) => {
            const certificate = parseCertificate(der);
            return { file, der, certificate, commonName: subjectText(certificate, COMMON_NAME), sha256: sha256Hex(der) };
          })
        : [];
    } catch {
      parsed = [];
    }
    if (parsed.length === 0) unreadable.push({ file, state: 'unreadable', commonName: null, sha256: null });
    certificates.push(...parsed);
  }
  return { certificates, unreadable };
}

/** The app's own copy of a pinned certificate, used only if its bytes are the pinned ones. */
function bundledDer(entry: { file: string; sha256: string | null }): Uint8Array | null {
  const base64 = NCA_TEST_MATERIAL[entry.file];
  if (!base64 || !entry.sha256) return null;
  const der = new Uint8Array(Buffer.from(base64, 'base64'));
  return sha256Hex(der) === entry.sha256 ? der : null;
}

const NO_PROFILE = { certificates: [], crls: [] } as const;

export async function loadWorkstationTrust(options: {
  /** null: no NCA certificates at all (training's own CA is added with withExtraAnchors). */
  profile: TrustProfileId | null;
  /** `<data>/trust/`: the administrator's certificates. */
  trustDir: string;
}): Promise<WorkstationTrust> {
  const profile: Pick<TrustProfile, 'certificates' | 'crls'> = options.profile ? trustProfile(options.profile) : NO_PROFILE;
  const folder = options.profile ? await readTrustFolder(options.trustDir) : { certificates: [], unreadable: [] };
  const anchorsDer: Uint8Array[] = [];
  const certificates: ProfileCertificateState[] = profile.certificates.map((entry) => {
    const pinned = bundledDer(entry);
    if (pinned) {
      anchorsDer.push(pinned);
      return { ...entry, state: 'pinned', inUseSha256: entry.sha256 };
    }
    // A pinned certificate only ever comes as those bytes; an unpinned one is recognised by its name.
    const supplied = folder.certificates.find((candidate) => (entry.sha256 ? candidate.sha256 === entry.sha256 : candidate.commonName === entry.commonName));
    return supplied ? { ...entry, state: 'fromFolder', inUseSha256: supplied.sha256 } : { ...entry, state: 'missing', inUseSha256: null };
  });
  const pinnedNames = new Map(profile.certificates.filter((entry) => entry.sha256).map((entry) => [entry.commonName, entry.sha256]));
  const folderFiles: TrustFolderFile[] = [...folder.unreadable];
  for (const candidate of folder.certificates) {
    // A file claiming a pinned certificate's name with other bytes is not that certificate: it is not trusted.
    const pin = candidate.commonName ? pinnedNames.get(candidate.commonName) : undefined;
    const state = pin && pin !== candidate.sha256 ? 'pinMismatch' : 'used';
    folderFiles.push({ file: candidate.file, state, commonName: candidate.commonName, sha256: candidate.sha256 });
    if (state === 'used' && !anchorsDer.some((der) => sha256Hex(der) === candidate.sha256)) anchorsDer.push(candidate.der);
  }
  const crls = profile.crls.flatMap((entry) => {
    const der = bundledDer(entry);
    return der ? [pkijs.CertificateRevocationList.fromBER(der)] : [];
  });
  return {
    profile: options.profile,
    anchors: anchorsDer.map(parseCertificate),
    anchorsPem: anchorsDer.map((der) => certificatePem(der)),
    crls,
    report: {
      profile: options.profile,
      trustFolder: options.trustDir,
      certificates,
      folder: folderFiles,
      missing: certificates.filter((entry) => entry.required && entry.state === 'missing').map((entry) => entry.file),
    },
  };
}

/** `trust` with more anchors (training's CA, created after the profile was read). */
export function withExtraAnchors(trust: WorkstationTrust, pems: readonly string[]): WorkstationTrust {
  const extra = certificatesDerOf(pems);
  return { ...trust, anchors: [...trust.anchors, ...extra.map(parseCertificate)], anchorsPem: [...trust.anchorsPem, ...extra.map((der) => certificatePem(der))] };
}

/** Trust in exactly these certificates, no NCA profile (training's CA alone; tests). */
export function trustInCertificates(pems: readonly string[], trustFolder = ''): WorkstationTrust {
  const none: WorkstationTrust = { profile: null, anchors: [], anchorsPem: [], crls: [], report: { profile: null, trustFolder, certificates: [], folder: [], missing: [] } };
  return withExtraAnchors(none, pems);
}
