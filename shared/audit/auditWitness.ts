/**
 * An audit witness: the position and hash of the newest checkpoint, signed with the workstation's audit key and
 * kept where the log's editor cannot rewrite it with the log (the vault folder, every backup, the gateway), as
 * Certificate Transparency keeps signed tree heads. A log that stops short of a witness was cut back.
 */
import { z } from 'zod';

export const auditWitnessSchema = z
  .object({
    /** The checkpoint entry's own number and hash. */
    seq: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().max(40),
    /** Ed25519 over `witnessPayload(seq, hash)`, base64. */
    signature: z.string().max(200),
  })
  .strict();
export type AuditWitness = z.infer<typeof auditWitnessSchema>;

/** The request header a workstation sends its witness in (base64 of its JSON), with every submission. */
export const AUDIT_WITNESS_HEADER = 'qabyl-audit-witness';

export const witnessPayload = (seq: number, hash: string) => `qabyl-audit-witness:v1:${seq}:${hash}`;
