/**
 * The service catalogs this workstation knows: the one bundled with the app and every signed update loaded
 * since. All versions are kept, because a draft or a queued request stays bound to the version it was
 * taken under; the newest is the one new requests use.
 */
import { verify } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { catalogSchema, type CatalogData } from '../../../shared/catalog/catalogSchema';
import { catalogPackageSchema, compareCatalogVersions } from '../../../shared/catalog/catalogPackage';
import { HostError } from '../../../shared/host/hostError';
import { writeFileAtomically } from '../storage/atomicFile';

export interface CatalogStore {
  current(): Promise<CatalogData>;
  get(version: string): Promise<CatalogData>;
  /** Verifies a signed update and keeps it; refuses anything not signed by a trusted issuer or not newer. */
  importPackage(bytes: Uint8Array, now: Date): Promise<CatalogData>;
}

/** Catalog signers are RSA certificates of the publisher's CA; NCA chains are at most root → intermediate → leaf. */
const MAX_CHAIN_LENGTH = 4;

/** forge's verify throws when names differ or the algorithm is unknown; either way: not the issuer. */
function issued(issuer: forge.pki.Certificate, child: forge.pki.Certificate, at: Date): boolean {
  const constraints = issuer.getExtension('basicConstraints') as { cA?: boolean } | null;
  if (constraints?.cA !== true || at < issuer.validity.notBefore || at > issuer.validity.notAfter) return false;
  try {
    return issuer.verify(child);
  } catch {
    return false;
  }
}

/** Whether leaf chains through the package's other certificates to a trusted one (GOST anchors cannot have issued it). */
function chainsToTrustedRoots(leaf: forge.pki.Certificate, bundled: forge.pki.Certificate[], trustedRootsPem: string[], at: Date): boolean {
  const anchors = trustedRootsPem.flatMap((pem) => {
    try {
      return [forge.pki.certificateFromPem(pem)];
    } catch {
      return [];
    }
  });
  let current = leaf;
  for (let length = 1; length <= MAX_CHAIN_LENGTH; length += 1) {
    if (anchors.some((anchor) => issued(anchor, current, at))) return true;
    const next = bundled.find((candidate) => candidate !== current && issued(candidate, current, at));
    if (!next) return false;
    current = next;
  }
  return false;
}

/** Everything short of storing: package shape, signer chain, signature, then the catalog's own schema. */
export function verifyCatalogPackage(text: string, trustedRootsPem: string[], now: Date): CatalogData {
  let certificates: forge.pki.Certificate[];
  let packaged;
  try {
    packaged = catalogPackageSchema.parse(JSON.parse(text));
    certificates = packaged.certificatesPem.map((pem) => forge.pki.certificateFromPem(pem));
  } catch {
    throw new HostError('catalog.badPackage');
  }
  const [leaf, ...intermediates] = certificates;
  const keyUsage = leaf!.getExtension('keyUsage') as { digitalSignature?: boolean } | null;
  if (!keyUsage?.digitalSignature || !chainsToTrustedRoots(leaf!, intermediates, trustedRootsPem, now)) throw new HostError('catalog.untrustedSigner');
  const signatureOk = verify('sha256', Buffer.from(packaged.payload, 'utf8'), packaged.certificatesPem[0]!, Buffer.from(packaged.signatureBase64, 'base64'));
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
      const catalog = verifyCatalogPackage(text, options.trustedRootsPem, now);
      if (compareCatalogVersions(catalog.version, (await store.current()).version) <= 0) throw new HostError('catalog.notNewer');
      await mkdir(options.folder, { recursive: true });
      await writeFileAtomically(fileOf(catalog.version), JSON.stringify({ importedAt: now.toISOString(), package: text }));
      return catalog;
    },
  };
  return store;
}
