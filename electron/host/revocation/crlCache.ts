/**
 * Revocation from a cached CRL (ARCHITECTURE.md, signing step 6): the host downloads the CA's CRL
 * whenever it is online and checks signing certificates against the last good copy when it is not.
 * Only a CRL signed by a pinned issuer replaces the cached one, and never by an older one, so a
 * broken download or a replayed old CRL cannot un-revoke a certificate.
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
  /** Downloads and, if trustworthy and not older, stores the CRL; otherwise keeps the cached one. */
  refresh(): Promise<CrlRefreshResult>;
  status(): Promise<CrlStatus>;
  checkCertificate(certPem: string): Promise<RevocationCheck>;
}

export interface CrlCacheOptions {
  folder: string;
  fetchCrl: () => Promise<Uint8Array>;
  /** The CAs whose CRLs are accepted (the issuing intermediates), PEM. */
  trustedIssuersPem: string[];
  maxAgeMs: number;
  now?: () => Date;
}

interface Cached {
  crl: pkijs.CertificateRevocationList;
  fetchedAt: Date;
}

/** One file holding both the CRL and when it was fetched, so a crash cannot pair one with the other's age. */
const storedCrlSchema = z.object({ fetchedAt: z.iso.datetime(), crlBase64: z.base64() });
type StoredCrl = z.infer<typeof storedCrlSchema>;

const FILE_NAME = 'crl.json';

export function createCrlCache(options: CrlCacheOptions): CrlCache {
  const now = options.now ?? (() => new Date());
  const issuers = options.trustedIssuersPem.map(certificateFromPem);
  const path = join(options.folder, FILE_NAME);
  let cached: Promise<Cached | null> | undefined;
  let refreshing: Promise<CrlRefreshResult> | undefined;

  /** The stored copy is re-verified: the file sits in a folder other programs can write to. */
  async function load(): Promise<Cached | null> {
    let stored: StoredCrl;
    try {
      stored = storedCrlSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      return null;
    }
    const reading = await readTrustedCrl(Buffer.from(stored.crlBase64, 'base64'), issuers);
    return reading.ok ? { crl: reading.crl, fetchedAt: new Date(stored.fetchedAt) } : null;
  }

  const current = () => (cached ??= load());

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

  async function refreshOnce(): Promise<CrlRefreshResult> {
    const previous = await current();
    const refused = (reason: Exclude<CrlRefreshResult, { ok: true }>['reason'], detail: string): CrlRefreshResult => ({
      ok: false,
      reason,
      detail,
      status: statusOf(previous),
    });
    let bytes: Uint8Array;
    try {
      bytes = await options.fetchCrl();
    } catch (error) {
      return refused('fetchFailed', error instanceof Error ? error.message : String(error));
    }
    const reading = await readTrustedCrl(bytes, issuers);
    if (!reading.ok) return refused(reading.reason, reading.detail);
    if (previous && reading.crl.thisUpdate.value < previous.crl.thisUpdate.value) {
      return refused('older', `thisUpdate ${reading.crl.thisUpdate.value.toISOString()} precedes the cached CRL's`);
    }
    const entry: Cached = { crl: reading.crl, fetchedAt: now() };
    const stored: StoredCrl = {
      fetchedAt: entry.fetchedAt.toISOString(),
      crlBase64: Buffer.from(reading.crl.toSchema().toBER()).toString('base64'),
    };
    await writeFileAtomically(path, JSON.stringify(stored));
    cached = Promise.resolve(entry);
    return { ok: true, status: statusOf(entry) };
  }

  return {
    // Concurrent callers share one download and one write.
    refresh: () => (refreshing ??= refreshOnce().finally(() => (refreshing = undefined))),
    status: async () => statusOf(await current()),
    async checkCertificate(certPem) {
      const entry = await current();
      const certificate = certificateFromPem(certPem);
      // A CRL from another issuer says nothing about this certificate.
      if (!entry || !entry.crl.issuer.isEqual(certificate.issuer)) return { ok: false, code: 'keys.crlMissing' };
      // Revocation is final, so even a stale CRL proves it.
      if (entry.crl.isCertificateRevoked(certificate)) return { ok: false, code: 'keys.revoked' };
      return statusOf(entry).stale ? { ok: false, code: 'keys.crlStale' } : { ok: true };
    },
  };
}
