/**
 * Disk persistence of accepted submissions under dataDir:
 *   submissions/<id>.json   one record per submission (body hash, the exact response sent, signer, ...)
 *   results/<id>.json       the signed result once asked for, so its bytes never change
 * Attachment bytes live in the blob store (blobStore.ts). Nothing is cached in memory: each request reads what
 * it needs, so a restart loses nothing.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { submissionResultSchema, submissionStatuses, type SubmissionResult } from '../shared/gateway/gatewayProtocol';
import { writeFileAtomic } from './atomicFile';

const storedSubmissionSchema = z.object({
  submissionId: z.string(),
  /** SHA-256 (hex) of the canonical body, to tell a replay from a reused id. */
  bodySha256: z.string(),
  receivedAt: z.string(),
  registrationNumber: z.string(),
  /** The status at receipt; the current one is derived from the time (processing/timeline.ts). */
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
  private readonly resultsDir: string;

  private constructor(dataDir: string) {
    this.submissionsDir = join(dataDir, 'submissions');
    this.resultsDir = join(dataDir, 'results');
  }

  static async open(dataDir: string): Promise<SubmissionStore> {
    const store = new SubmissionStore(dataDir);
    await mkdir(store.submissionsDir, { recursive: true });
    await mkdir(store.resultsDir, { recursive: true });
    return store;
  }

  /** `submissionId` must already be a validated, normalized UUID: it becomes a file name. */
  async get(submissionId: string): Promise<StoredSubmission | undefined> {
    const text = await readIfExists(join(this.submissionsDir, `${submissionId}.json`));
    return text === undefined ? undefined : storedSubmissionSchema.parse(JSON.parse(text));
  }

  save(record: StoredSubmission): Promise<void> {
    return writeFileAtomic(join(this.submissionsDir, `${record.submissionId}.json`), JSON.stringify(record));
  }

  async getResult(submissionId: string): Promise<SubmissionResult | undefined> {
    const text = await readIfExists(join(this.resultsDir, `${submissionId}.json`));
    return text === undefined ? undefined : submissionResultSchema.parse(JSON.parse(text));
  }

  saveResult(result: SubmissionResult): Promise<void> {
    return writeFileAtomic(join(this.resultsDir, `${result.submissionId}.json`), JSON.stringify(result));
  }

  async count(): Promise<number> {
    return (await readdir(this.submissionsDir)).filter((name) => name.endsWith('.json')).length;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
