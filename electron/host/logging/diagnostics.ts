/**
 * The diagnostics an operator exports for regional IT: versions, queue counts, recent errors, update state.
 * Built only from counts, codes and scrubbed text, so it can be e-mailed without exposing any applicant.
 */
import type { UpdateState } from '../updates/updatePolicy';
import { scrubText } from './scrub';

export interface DiagnosticsInput {
  version: string;
  electronVersion?: string;
  platform: string;
  queueSummary: { byState: Record<string, number>; oldestQueuedAt?: string };
  /** From the host log (HostLog.recentErrors); scrubbed again here, whatever their source. */
  recentErrors: string[];
  catalogVersion: string;
  update?: UpdateState;
}

export interface Diagnostics {
  format: 'qabyl-diagnostics/1';
  generatedAt: string;
  app: { version: string; electronVersion?: string; platform: string };
  catalogVersion: string;
  queue: { byState: Record<string, number>; total: number; oldestQueuedAt?: string };
  recentErrors: string[];
  update?: { phase: UpdateState['phase']; version?: string; lastError?: { code: string; message: string; at: string } };
}

// Queue states are identifiers; any other key (should one ever carry data) is counted under `other`.
const STATE_NAME = /^[a-z][A-Za-z_-]{0,39}$/;
const short = (text: string) => scrubText(text, 100);

function summariseQueue({ byState, oldestQueuedAt }: DiagnosticsInput['queueSummary']): Diagnostics['queue'] {
  const counts: Record<string, number> = {};
  for (const [state, count] of Object.entries(byState)) {
    if (!Number.isSafeInteger(count) || count < 0) continue;
    const key = STATE_NAME.test(state) ? state : 'other';
    counts[key] = (counts[key] ?? 0) + count;
  }
  const oldest = oldestQueuedAt === undefined ? Number.NaN : Date.parse(oldestQueuedAt);
  return {
    byState: counts,
    total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    ...(Number.isNaN(oldest) ? {} : { oldestQueuedAt: new Date(oldest).toISOString() }),
  };
}

export function createDiagnostics(input: DiagnosticsInput, now: Date = new Date()): Diagnostics {
  const { update } = input;
  return {
    format: 'qabyl-diagnostics/1',
    generatedAt: now.toISOString(),
    app: {
      version: short(input.version),
      ...(input.electronVersion !== undefined ? { electronVersion: short(input.electronVersion) } : {}),
      platform: short(input.platform),
    },
    catalogVersion: short(input.catalogVersion),
    queue: summariseQueue(input.queueSummary),
    recentErrors: input.recentErrors.slice(-50).map((line) => scrubText(line)),
    ...(update
      ? {
          update: {
            phase: update.phase,
            ...(update.version !== undefined ? { version: short(update.version) } : {}),
            ...(update.lastError ? { lastError: { code: short(update.lastError.code), message: scrubText(update.lastError.message), at: update.lastError.at } } : {}),
          },
        }
      : {}),
  };
}
