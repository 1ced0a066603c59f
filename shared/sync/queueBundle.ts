/**
 * A workstation's unsent work as one file (`qabyl-queue/1`), for replacing a workstation without losing
 * anything: the requests still waiting, their outbox entries, document records and the document bytes.
 * Re-sending from the new workstation is safe: the submission id stays the gateway's idempotency key.
 */
import { z } from 'zod';

export const QUEUE_BUNDLE_FORMAT = 'qabyl-queue/1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const queueBundleSchema = z.object({
  format: z.literal(QUEUE_BUNDLE_FORMAT),
  exportedAt: z.string(),
  office: z.object({ code: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      /** Rows as the exporting workstation stored them; checked for shape, then re-checked by Dexie's keys. */
      request: z.object({ id: z.string().uuid(), status: z.enum(['queued', 'needs_attention']), signedXml: z.string().min(1) }).passthrough(),
      outbox: z.object({ id: z.string().uuid(), requestId: z.string().uuid() }).passthrough(),
      documents: z.array(z.object({ id: z.string(), requestId: z.string().uuid(), sha256, fileName: z.string(), mimeType: z.string(), size: z.number() }).passthrough()),
    }),
  ),
  /** Document bytes by SHA-256, base64. */
  files: z.record(sha256, z.string()),
});
export type QueueBundle = z.infer<typeof queueBundleSchema>;
