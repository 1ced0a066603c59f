/**
 * Revocation from cached CRLs (ARCHITECTURE.md, signing step 6): the host downloads the CA's full and delta CRLs
 * whenever it is online and checks signing certificates against the last good copies when it is not. The lists come
 * from the distribution points the certificates name (CDP for the full CRL, freshestCRL for the delta, as NCA's
 * certificates carry them), learned from each certificate checked, and from the gateway's copy of the full CRL.
 * Only a CRL signed by a pinned issuer replaces a cached one of the same issuer and kind, and never by an older one,
 * so a broken download or a replayed old CRL cannot un-revoke a certificate.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { z } from 'zod';
import { writeFileAtomically } from '../storage/atomicFile';
import { certificateFromPem, readTrustedCrl } from './crlDocument';

/** Codes for the shared host error list; returned here in results, never thrown. */
export const revocationErrorCodes = ['keys.revoked', 'keys.crlStale', 'keys.crlMissing'] as const;
export type RevocationErrorCode = (typeof revocationErrorCodes)[number];

export type RevocationCheck = { ok: true } | { ok: false; code: RevocationErrorCode };

/** The freshest full CRL's age; a delta only adds revocations, so freshness is the full CRL's. */
export interface CrlStatus {
  fetchedAt: string | null;
  thisUpdate: string | null;
  nextUpdate: string | null;
  ageMs: number | null;
  /** No CRL, fetched longer than maxAgeMs ago, or past its nextUpdate. */
  stale: boolean;
}

export type CrlRefreshResult =
  | { ok: true; status: CrlStatus }
  | { ok: false; reason: 'fetchFailed' | 'unreadable' | 'untrusted' | 'older'; detail: string; status: CrlStatus };

export interface CrlCache {
  /** Downloads every known CRL and stores each trustworthy one that is not older than the cached one of its kind. */
  refresh(): Promise<CrlRefreshResult>;
  status(): Promise<CrlStatus>;
  /** Also remembers the certificate's distribution points, so the next refresh fetches its CRLs. */
  checkCertificate(certPem: string): Promise<RevocationCheck>;
}

export interface CrlCacheOptions {
  folder: string;
  /** The gateway's copy of the issuing CA's full CRL, where the workstation may reach only the gateway. */
  fetchCrl?: () => Promise<Uint8Array>;
  /** Downloads a distribution point's CRL (already resolved by the caller, e.g. training maps its CA's host). */
  fetchUrl?: (url: string) => Promise<Uint8Array>;
  /** The CAs whose CRLs are accepted (the issuing intermediates), PEM. */
  trustedIssuersPem: string[];
  maxAgeMs: number;
  now?: () => Date;
}

const OID = { crlDistributionPoints: '2.5.29.31', freshestCrl: '2.5.29.46', deltaCrlIndicator: '2.5.29.27' } as const;

interface Cached {
  crl: pkijs.CertificateRevocationList;
  fetchedAt: Date;
}

/** One file holding the CRLs, when each was fetched and where they come from, so a crash cannot pair one with another's age. */
const storedSchema = z.object({
  crls: z.array(z.object({ fetchedAt: z.iso.datetime(), crlBase64: z.base64() })),
  distributionPoints: z.array(z.url()),
});
type Stored = z.infer<typeof storedSchema>;
/** The single full CRL earlier versions kept; read once so an upgrade made offline still has its list. */
const legacySchema = z.object({ fetchedAt: z.iso.datetime(), crlBase64: z.base64() });

const FILE_NAME = 'crls.json';
const LEGACY_FILE_NAME = 'crl.json';

const isDelta = (crl: pkijs.CertificateRevocationList) => crl.crlExtensions?.extensions.some((extension) => extension.extnID === OID.deltaCrlIndicator) ?? false;
/** Cached CRLs are kept per issuer and kind: the newest full and the newest delta of each CA. */
const slotOf = (crl: pkijs.CertificateRevocationList) => `${Buffer.from(crl.issuer.toSchema().toBER(false)).toString('hex')}:${isDelta(crl) ? 'delta' : 'full'}`;

/** The http(s) URLs of a CDP or freshestCRL extension (DistributionPoint → fullName → URI). */
function distributionUrls(certificate: pkijs.Certificate, oid: string): string[] {
  const value = certificate.extensions?.find((extension) => extension.extnID === oid)?.parsedValue as pkijs.CRLDistributionPoints | undefined;
  return (value?.distributionPoints ?? [])
    .flatMap((point) => (Array.isArray(point.distributionPoint) ? point.distributionPoint : []))
    .filter((name) => name.type === 6)
    .map((name) => String(name.value))
    .filter((url) => /^https?:\/\//i.test(url));
}

export function createCrlCache(options: CrlCacheOptions): CrlCache {
  const now = options.now ?? (() => new Date());
  const issuers = options.trustedIssuersPem.map(certificateFromPem);
  const path = join(options.folder, FILE_NAME);
  let state: Promise<{ entries: Map<string, Cached>; distributionPoints: Set<string> }> | undefined;
  let refreshing: Promise<CrlRefreshResult> | undefined;

  /** Stored copies are re-verified: the file sits in a folder other programs can write to. */
  async function load() {
    const entries = new Map<string, Cached>();
    const distributionPoints = new Set<string>();
    let stored: Stored | null = null;
    try {
      stored = storedSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      try {
        stored = { crls: [legacySchema.parse(JSON.parse(await readFile(join(options.folder, LEGACY_FILE_NAME), 'utf8')))], distributionPoints: [] };
      } catch {
        // Neither file, or a damaged one: no CRL until the next download.
      }
    }
    for (const url of stored?.distributionPoints ?? []) distributionPoints.add(url);
    for (const entry of stored?.crls ?? []) {
      const reading = await readTrustedCrl(Buffer.from(entry.crlBase64, 'base64'), issuers);
      if (reading.ok) entries.set(slotOf(reading.crl), { crl: reading.crl, fetchedAt: new Date(entry.fetchedAt) });
    }
    return { entries, distributionPoints };
  }

  const current = () => (state ??= load());

  async function save() {
    const { entries, distributionPoints } = await current();
    const stored: Stored = {
      crls: [...entries.values()].map((entry) => ({ fetchedAt: entry.fetchedAt.toISOString(), crlBase64: Buffer.from(entry.crl.toSchema().toBER()).toString('base64') })),
      distributionPoints: [...distributionPoints],
    };
    await writeFileAtomically(path, JSON.stringify(stored));
  }

  /** The newest full CRL of `issuerName` (any issuer when absent). */
  async function newestFull(issuerName?: pkijs.RelativeDistinguishedNames): Promise<Cached | null> {
    let newest: Cached | null = null;
    for (const entry of (await current()).entries.values()) {
      if (isDelta(entry.crl) || (issuerName && !entry.crl.issuer.isEqual(issuerName))) continue;
      if (!newest || entry.crl.thisUpdate.value > newest.crl.thisUpdate.value) newest = entry;
    }
    return newest;
  }

  function statusOf(entry: Cached | null): CrlStatus {
    if (!entry) return { fetchedAt: null, thisUpdate: null, nextUpdate: null, ageMs: null, stale: true };
    const at = now();
    const ageMs = at.getTime() - entry.fetchedAt.getTime();
    const nextUpdate = entry.crl.nextUpdate?.value ?? null;
    return {
      fetchedAt: entry.fetchedAt.toISOString(),
      thisUpdate: entry.crl.thisUpdate.value.toISOString(),
      nextUpdate: nextUpdate?.toISOString() ?? null,
      ageMs,
      stale: ageMs > options.maxAgeMs || (nextUpdate !== null && at > nextUpdate),
    };
  }

  type Refusal = Exclude<CrlRefreshResult, { ok: true }>;

  /** Fetches one source and files what it brought; a refusal leaves the cached copy in place. */
  async function take(fetchSource: () => Promise<Uint8Array>): Promise<Omit<Refusal, 'ok' | 'status'> | null> {
    let bytes: Uint8Array;
    try {
      bytes = await fetchSource();
    } catch (error) {
      return { reason: 'fetchFailed', detail: error instanceof Error ? error.message : String(error) };
    }
    const reading = await readTrustedCrl(bytes, issuers);
    if (!reading.ok) return { reason: reading.reason, detail: reading.detail };
    const { entries } = await current();
    const slot = slotOf(reading.crl);
    const previous = entries.get(slot);
    if (previous && reading.crl.thisUpdate.value < previous.crl.thisUpdate.value) {
      return { reason: 'older', detail: `thisUpdate ${reading.crl.thisUpdate.value.toISOString()} precedes the cached CRL's` };
    }
    entries.set(slot, { crl: reading.crl, fetchedAt: now() });
    return null;
  }

  async function refreshOnce(): Promise<CrlRefreshResult> {
    const { distributionPoints } = await current();
    const sources = [...(options.fetchCrl ? [options.fetchCrl] : []), ...(options.fetchUrl ? [...distributionPoints].map((url) => () => options.fetchUrl!(url)) : [])];
    const refusals: Omit<Refusal, 'ok' | 'status'>[] = [];
    let stored = 0;
    for (const source of sources) {
      const refusal = await take(source);
      if (refusal) refusals.push(refusal);
      else stored += 1;
    }
    if (stored > 0) await save();
    const status = statusOf(await newestFull());
    const [refusal] = refusals;
    if (stored === 0 && refusal) return { ok: false, ...refusal, status };
    if (stored === 0) return { ok: false, reason: 'fetchFailed', detail: 'no CRL source is known yet', status };
    return { ok: true, status };
  }

  async function remember(certificate: pkijs.Certificate): Promise<void> {
    const { distributionPoints } = await current();
    const urls = [...distributionUrls(certificate, OID.crlDistributionPoints), ...distributionUrls(certificate, OID.freshestCrl)].filter((url) => !distributionPoints.has(url));
    if (urls.length === 0) return;
    for (const url of urls) distributionPoints.add(url);
    await save();
  }

  return {
    // Concurrent callers share one download and one write.
    refresh: () => (refreshing ??= refreshOnce().finally(() => (refreshing = undefined))),
    status: async () => statusOf(await newestFull()),
    async checkCertificate(certPem) {
      const certificate = certificateFromPem(certPem);
      await remember(certificate);
      // A CRL from another issuer says nothing about this certificate.
      const full = await newestFull(certificate.issuer);
      if (!full) return { ok: false, code: 'keys.crlMissing' };
      // Revocation is final, so even a stale list proves it, and a delta's entry as much as the full list's.
      for (const entry of (await current()).entries.values()) {
        if (entry.crl.issuer.isEqual(certificate.issuer) && entry.crl.isCertificateRevoked(certificate)) return { ok: false, code: 'keys.revoked' };
      }
      return statusOf(full).stale ? { ok: false, code: 'keys.crlStale' } : { ok: true };
    },
  };
}
