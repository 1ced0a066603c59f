/**
 * The audit witness kept in the vault folder, beside the data key. It is signed with the audit key (itself
 * sealed under the data key), so whoever edits the log can delete or roll back this file but not forge it;
 * signed rather than encrypted, so `npm run audit:verify` reads it from a shell without the data key.
 */
import { readFile } from 'node:fs/promises';
import { auditWitnessSchema, type AuditWitness } from '../../../shared/audit/auditWitness';
import { writeFileAtomically } from '../storage/atomicFile';
import type { AuditWitnessStore } from './auditLog';

export const AUDIT_WITNESS_FILE = 'audit-witness.json';

/** The witness in `file`, or null when there is none or it is not a witness (the gateway's copy still holds). */
export async function readAuditWitness(file: string): Promise<AuditWitness | null> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return null;
  try {
    const parsed = auditWitnessSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createFileWitnessStore(file: string): AuditWitnessStore {
  return {
    load: () => readAuditWitness(file),
    save: (witness) => writeFileAtomically(file, `${JSON.stringify(witness)}\n`),
  };
}
