/**
 * What a workstation backup says about itself (the first thing read from it): enough for an administrator to
 * recognise the right file before restoring it, and the counts a restore checks itself against.
 */
import { z } from 'zod';
import { auditWitnessSchema } from '../audit/auditWitness';

export const BACKUP_FORMAT = 1;

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  appVersion: z.string(),
  office: z.object({ code: z.string(), name: z.string() }),
  /** A training backup restores only onto a training workstation, production onto production (their data folders differ). */
  training: z.boolean(),
  createdAt: z.string(),
  /** Rows per Dexie table. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  documents: z.number().int().nonnegative(),
  documentBytes: z.number().int().nonnegative(),
  /** The audit witness when the backup began (its log is at least that long): restored into the vault folder. */
  auditWitness: auditWitnessSchema.optional(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** The shortest backup passphrase: the host refuses a shorter one, the screen says so before asking. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A rows page the renderer sends or receives: under the bridge's body limit with room for JSON escaping. */
export const MAX_ROWS_PAGE_CHARS = 8 * 1024 * 1024;
