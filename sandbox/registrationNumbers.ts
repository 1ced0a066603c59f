/**
 * Registration numbers `KZ-EL-<year>-<6-digit sequence>`. The sequence is per sandbox (not reset per year)
 * and persisted before a number is handed out, so a restart never issues a number twice.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile';

const COUNTER_FILE = 'registration-sequence.json';
const counterSchema = z.object({ last: z.number().int().nonnegative() });

/** Kazakhstan has used a single UTC+5 zone since 2024-03-01; the year turns at local midnight. */
const KAZAKHSTAN_OFFSET_MS = 5 * 60 * 60 * 1000;

export function formatRegistrationNumber(sequence: number, at: Date): string {
  const year = new Date(at.getTime() + KAZAKHSTAN_OFFSET_MS).getUTCFullYear();
  return `KZ-EL-${year}-${String(sequence).padStart(6, '0')}`;
}

export class RegistrationNumbers {
  /** Writes are chained so a slower earlier write can never overwrite a later, larger value. */
  private persisted: Promise<void> = Promise.resolve();

  private constructor(
    private readonly counterPath: string,
    private last: number,
  ) {}

  static async open(dataDir: string): Promise<RegistrationNumbers> {
    const counterPath = join(dataDir, COUNTER_FILE);
    return new RegistrationNumbers(counterPath, await readLast(counterPath));
  }

  async next(at: Date): Promise<string> {
    // Taken synchronously, so concurrent callers get distinct numbers; a failed write only leaves a gap.
    const sequence = ++this.last;
    const write = this.persisted.then(() => writeFileAtomic(this.counterPath, JSON.stringify({ last: sequence })));
    this.persisted = write.catch(() => undefined);
    await write;
    return formatRegistrationNumber(sequence, at);
  }
}

async function readLast(counterPath: string): Promise<number> {
  try {
    return counterSchema.parse(JSON.parse(await readFile(counterPath, 'utf8'))).last;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
