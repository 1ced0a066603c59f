/**
 * The service catalogs this workstation knows: the one bundled with the app and every signed update loaded
 * since. All versions are kept, because a draft or a queued request stays bound to the version it was
 * taken under; the newest is the one new requests use.
 */
import { verify, webcrypto } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { catalogSchema, type CatalogData } from '../../../shared/catalog/catalogSchema';
import { catalogPackageSchema, compareCatalogVersions } from '../../../shared/catalog/catalogPackage';
import { HostError } from '../../../shared/host/hostError';
import { CERTIFICATE_LABELS, pemBlocks } from '../../../shared/pki/pem';
import { certificateSignedBy } from '../../../shared/pki/signatureAlgorithms';
import { writeFileAtomically } from '../storage/atomicFile';

export interface CatalogStore {
  current(): Promise<CatalogData>;
  get(version: string): Promise<CatalogData>;
  /** Verifies a signed update and keeps it; refuses anything not signed by a trusted issuer or not newer. */
  importPackage(bytes: Uint8Array, now: Date): Promise<CatalogData>;
}

/** NCA chains are at most root → intermediate → leaf. */
const MAX_CHAIN_LENGTH = 4;
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';

// Node's WebCrypto is the standard API the shared PKI code is typed against (DOM types).
const crypto = webcrypto as unknown as Parameters<typeof certificateSignedBy>[2];

const certificateOf = (pem: string) => {
  const [der] = pemBlocks(pem, CERTIFICATE_LABELS);
  if (!der) throw new Error('no certificate');
  return pkijs.Certificate.fromBER(der);
};

/**
 * Whether `issuer` is a CA valid at `at` that signed `child`. Through the one algorithm dispatch, so a catalog signer
 * (an RSA key, as the package format signs) chains through GOST CAs such as training's as well as RSA ones.
 */
async function issued(issuer: pkijs.Certificate, child: pkijs.Certificate, at: Date): Promise<boolean> {
  const constraints = issuer.extensions?.find((extension) => extension.extnID === OID_BASIC_CONSTRAINTS)?.parsedValue as { cA?: boolean } | undefined;
  if (constraints?.cA !== true || at < issuer.notBefore.value || at > issuer.notAfter.value || !child.issuer.isEqual(issuer.subject)) return false;
  return certificateSignedBy(child, issuer, crypto).catch(() => false);
}

/** Whether leaf chains through the package's other certificates to a trusted one. */
async function chainsToTrustedRoots(leaf: pkijs.Certificate, bundled: pkijs.Certificate[], trustedRootsPem: string[], at: Date): Promise<boolean> {
  const anchors = trustedRootsPem.flatMap((pem) => {
    try {
      return [certificateOf(pem)];
    } catch {
      return [];
    }
  });
  let current = leaf;
  for (let length = 1; length <= MAX_CHAIN_LENGTH; length += 1) {
    for (const anchor of anchors) if (await issued(anchor, current, at)) return true;
    let next: pkijs.Certificate | undefined;
    for (const candidate of bundled) {
      if (candidate !== current && (await issued(candidate, current, at))) {
        next = candidate;
        break;
      }
    }
    if (!next) return false;
    current = next;
  }
  return false;
}

/** KeyUsage digitalSignature (bit 0). */
function mayDigitallySign(certificate: pkijs.Certificate): boolean {
  const bits = certificate.extensions?.find((extension) => extension.extnID === OID_KEY_USAGE)?.parsedValue as asn1js.BitString | undefined;
  return bits ? ((new Uint8Array(bits.valueBlock.valueHexView)[0] ?? 0) & 0x80) !== 0 : false;
}

/** Everything short of storing: package shape, signer chain, signature, then the catalog's own schema. */
export async function verifyCatalogPackage(text: string, trustedRootsPem: string[], now: Date): Promise<CatalogData> {
  let certificates: pkijs.Certificate[];
  let packaged;
  try {
    packaged = catalogPackageSchema.parse(JSON.parse(text));
    certificates = packaged.certificatesPem.map(certificateOf);
  } catch {
    throw new HostError('catalog.badPackage');
  }
  const [leaf, ...intermediates] = certificates;
  if (!mayDigitallySign(leaf!) || !(await chainsToTrustedRoots(leaf!, intermediates, trustedRootsPem, now))) throw new HostError('catalog.untrustedSigner');
  let signatureOk: boolean;
  try {
    signatureOk = verify('sha256', Buffer.from(packaged.payload, 'utf8'), packaged.certificatesPem[0]!, Buffer.from(packaged.signatureBase64, 'base64'));
  } catch {
    // Not an RSA signer certificate: the package format signs with RSA-SHA256 only.
    signatureOk = false;
  }
  if (!signatureOk) throw new HostError('catalog.badSignature');
  let parsed;
  try {
    parsed = catalogSchema.safeParse(JSON.parse(packaged.payload));
  } catch {
    throw new HostError('catalog.invalid', 'payload is not JSON');
  }
  if (!parsed.success) throw new HostError('catalog.invalid', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export function createCatalogStore(options: { folder: string; bundled: CatalogData; trustedRootsPem: string[] }): CatalogStore {
  const fileOf = (version: string) => join(options.folder, `${version}.json`);
  // Stored packages are verified again on read, so a file edited on disk is refused; the chain is judged at
  // the import time, so a signer certificate that expires later does not strand requests taken under it.
  const readStored = async (version: string) => {
    const stored = JSON.parse(await readFile(fileOf(version), 'utf8')) as { importedAt: string; package: string };
    return verifyCatalogPackage(stored.package, options.trustedRootsPem, new Date(stored.importedAt));
  };
  const storedVersions = async () =>
    (await readdir(options.folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));

  const store: CatalogStore = {
    async current() {
      const newest = (await storedVersions()).sort(compareCatalogVersions).at(-1);
      if (!newest || compareCatalogVersions(newest, options.bundled.version) <= 0) return options.bundled;
      return readStored(newest);
    },
    async get(version) {
      if (version === options.bundled.version) return options.bundled;
      if (!(await storedVersions()).includes(version)) throw new HostError('catalog.unknownVersion');
      return readStored(version);
    },
    async importPackage(bytes, now) {
      const text = Buffer.from(bytes).toString('utf8');
      const catalog = await verifyCatalogPackage(text, options.trustedRootsPem, now);
      if (compareCatalogVersions(catalog.version, (await store.current()).version) <= 0) throw new HostError('catalog.notNewer');
      await mkdir(options.folder, { recursive: true });
      await writeFileAtomically(fileOf(catalog.version), JSON.stringify({ importedAt: now.toISOString(), package: text }));
      return catalog;
    },
  };
  return store;
}
