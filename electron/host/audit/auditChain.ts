/**
 * The chain's arithmetic, shared by the writer and the verifier: the canonical form an entry is hashed in,
 * and what a checkpoint signs.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AuditEntry } from '../../../shared/audit/auditEntry';

export const AUDIT_FILE = 'audit.jsonl';
export const GENESIS_PREV_HASH = '0'.repeat(64);

export const auditFileIn = (dir: string) => join(dir, AUDIT_FILE);

/** JSON with object keys sorted at every depth, so the hash does not depend on how an entry was built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  return createHash('sha256').update(canonicalJson({ ...entry, hash: undefined })).digest('hex');
}

/** What a checkpoint's signature covers: the position and hash of the entry before it. */
export const checkpointPayload = (seq: number, hash: string) => Buffer.from(`qabyl-audit-checkpoint:v1:${seq}:${hash}`, 'utf8');
