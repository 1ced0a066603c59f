/**
 * Fault injection for tests of the client's offline/retry paths. Faults apply to submission PUTs only
 * and act before the submission is looked at, so a 'garbage' or 'error503' PUT stores nothing.
 */
import { z } from 'zod';

export const sandboxFaultsSchema = z.object({
  mode: z.enum(['none', 'garbage', 'error503', 'delay']),
  /** How many submission PUTs are affected; absent = until the faults are reset. */
  count: z.number().int().positive().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().max(600_000).optional(),
});
export type SandboxFaults = z.infer<typeof sandboxFaultsSchema>;

export type InjectedFault =
  | { mode: 'garbage' }
  | { mode: 'error503'; retryAfterSeconds: number }
  | { mode: 'delay'; delayMs: number };

const DEFAULT_RETRY_AFTER_SECONDS = 1;
const DEFAULT_DELAY_MS = 1_000;

export class FaultInjector {
  private fault: InjectedFault | undefined;
  private remaining = Infinity;

  set(faults: SandboxFaults): void {
    this.fault = toInjected(sandboxFaultsSchema.parse(faults));
    this.remaining = faults.count ?? Infinity;
  }

  /** The fault for the next submission PUT, if any; uses up one of `count`. */
  take(): InjectedFault | undefined {
    const fault = this.fault;
    if (fault && --this.remaining <= 0) this.fault = undefined;
    return fault;
  }
}

function toInjected(faults: SandboxFaults): InjectedFault | undefined {
  switch (faults.mode) {
    case 'none':
      return undefined;
    case 'garbage':
      return { mode: 'garbage' };
    case 'error503':
      return { mode: 'error503', retryAfterSeconds: faults.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS };
    case 'delay':
      return { mode: 'delay', delayMs: faults.delayMs ?? DEFAULT_DELAY_MS };
  }
}
