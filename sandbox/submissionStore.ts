/**
 * Disk persistence of accepted submissions under dataDir:
 *   submissions/<id>.json   one record per submission (body hash, the exact response sent, signer, ...)
 *   attachments/<sha256>    attachment bytes, content-addressed, so identical scans are stored once
 * Nothing is cached in memory: each request reads what it needs, so a restart loses nothing.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { submissionStatuses } from '../shared/gateway/gatewayProtocol';
import { writeFileAtomic } from './atomicFile';

const storedSubmissionSchema = z.object({
  submissionId: z.string(),
  /** SHA-256 (hex) of the canonical body, to tell a replay from a reused id. */
  bodySha256: z.string(),
  receivedAt: z.string(),
  registrationNumber: z.string(),
  status: z.enum(submissionStatuses),
  /** Null when the sandbox runs without a signature verifier. */
  signerIin: z.string().nullable(),
  signedXml: z.string(),
  attachments: z.array(z.object({ sha256: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number(), cmsBase64: z.string().optional() })),
  /** The first response, replayed byte for byte on a repeated PUT. */
  response: z.object({ status: z.number().int(), body: z.string() }),
});
export type StoredSubmission = z.infer<typeof storedSubmissionSchema>;

export class SubmissionStore {
  private readonly submissionsDir: string;
  private readonly attachmentsDir: string;

  private constructor(dataDir: string) {
    this.submissionsDir = join(dataDir, 'submissions');
    this.attachmentsDir = join(dataDir, 'attachments');
  }

  static async open(dataDir: string): Promise<SubmissionStore> {
    const store = new SubmissionStore(dataDir);
    await mkdir(store.submissionsDir, { recursive: true });
    await mkdir(store.attachmentsDir, { recursive: true });
    return store;
  }

  /** `submissionId` must already be a validated, normalized UUID: it becomes a file name. */
  async get(submissionId: string): Promise<StoredSubmission | undefined> {
    let text: string;
    try {
      text = await readFile(this.recordPath(submissionId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return storedSubmissionSchema.parse(JSON.parse(text));
  }

  /** Attachments are written first, so a record on disk always has its files. */
  async save(record: StoredSubmission, attachmentBytes: ReadonlyMap<string, Uint8Array>): Promise<void> {
    for (const [sha256, bytes] of attachmentBytes) {
      const path = this.attachmentPath(sha256);
      if (!(await exists(path))) await writeFileAtomic(path, bytes);
    }
    await writeFileAtomic(this.recordPath(record.submissionId), JSON.stringify(record));
  }

  attachmentPath(sha256: string): string {
    return join(this.attachmentsDir, sha256);
  }

  private recordPath(submissionId: string): string {
    return join(this.submissionsDir, `${submissionId}.json`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
