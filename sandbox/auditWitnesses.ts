/**
 * The gateway's copy of each workstation's audit witness (issue 16): the newest one a client sent with its
 * submissions. Kept where the workstation's own disk cannot reach it, so a log cut back on the workstation is
 * caught against it. An older witness never replaces a newer one: a workstation whose log was cut back and
 * restarted cannot talk the gateway into forgetting how far it had gone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditWitnessSchema, type AuditWitness } from '../shared/audit/auditWitness';
import { writeFileAtomic } from './atomicFile';

export class AuditWitnesses {
  private constructor(
    private readonly file: string,
    private readonly byClient: Record<string, AuditWitness>,
  ) {}

  static async open(dataDir: string): Promise<AuditWitnesses> {
    const file = join(dataDir, 'audit-witnesses.json');
    const kept = await readFile(file, 'utf8').then((text) => JSON.parse(text) as Record<string, AuditWitness>, () => ({}));
    return new AuditWitnesses(file, kept);
  }

  /** The header's value (base64 of the JSON); a malformed one is ignored, never a reason to refuse a submission. */
  async offer(clientId: string, header: string | undefined): Promise<void> {
    if (!header || header.length > 2_000) return;
    let witness: AuditWitness;
    try {
      const parsed = auditWitnessSchema.safeParse(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
      if (!parsed.success) return;
      witness = parsed.data;
    } catch {
      return;
    }
    const current = this.byClient[clientId];
    if (current && current.keyFingerprint === witness.keyFingerprint && current.seq >= witness.seq) return;
    this.byClient[clientId] = witness;
    await writeFileAtomic(this.file, JSON.stringify(this.byClient));
  }

  latest(clientId: string): AuditWitness | undefined {
    return this.byClient[clientId];
  }
}
