/**
 * Application updates as a small state machine, and the rule for when a downloaded update may be installed.
 * Pure: electron-updater's events (electron/main/updater.ts) and the feed reader (feedUpdater.ts) both drive it.
 * A failed update never breaks the app: every failure returns to idle, with the error kept for diagnostics.
 */

export type UpdatePhase = 'idle' | 'checking' | 'available' | 'downloading' | 'downloaded' | 'installing';

export interface UpdateFailure {
  code: string;
  message: string;
  /** ISO time of the failure. */
  at: string;
}

export interface UpdateState {
  phase: UpdatePhase;
  /** The newer version found, from `available` to `installing`. */
  version?: string;
  /** Download progress, 0–100, while `downloading`. */
  percent?: number;
  /** The last failure, kept across later phases so diagnostics can show it. */
  lastError?: UpdateFailure;
}

export type UpdateEvent =
  | { type: 'checkStarted' }
  | { type: 'updateFound'; version: string }
  | { type: 'noUpdate' }
  | { type: 'downloadStarted' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version?: string }
  | { type: 'installStarted' }
  | ({ type: 'failed' } & UpdateFailure);

export const INITIAL_UPDATE_STATE: UpdateState = { phase: 'idle' };

const keepError = (state: UpdateState) => (state.lastError ? { lastError: state.lastError } : {});

/** Out-of-order events (a late progress report, a second check while downloading) leave the state as it is. */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  const { phase } = state;
  switch (event.type) {
    case 'checkStarted':
      return phase === 'idle' || phase === 'available' ? { phase: 'checking', ...keepError(state) } : state;
    case 'updateFound':
      return phase === 'checking' ? { phase: 'available', version: event.version, ...keepError(state) } : state;
    case 'noUpdate':
      return phase === 'checking' ? { phase: 'idle', ...keepError(state) } : state;
    case 'downloadStarted':
      return phase === 'available' ? { ...state, phase: 'downloading', percent: 0 } : state;
    case 'progress':
      return phase === 'downloading' ? { ...state, percent: Math.max(0, Math.min(100, event.percent)) } : state;
    case 'downloaded': {
      // electron-updater reports a download found in its cache without any progress first.
      if (phase !== 'available' && phase !== 'downloading' && phase !== 'downloaded') return state;
      const version = event.version ?? state.version;
      return { phase: 'downloaded', ...(version !== undefined ? { version } : {}), ...keepError(state) };
    }
    case 'installStarted':
      return phase === 'downloaded' ? { ...state, phase: 'installing' } : state;
    case 'failed':
      return { phase: 'idle', lastError: { code: event.code, message: event.message, at: event.at } };
  }
}

export interface InstallContext {
  /** A request is open for editing or being signed: restarting now would interrupt the operator. */
  operatorBusy: boolean;
  /** Signed requests not yet delivered. They survive a restart, but sending them should not be cut short. */
  outboxPending: number;
  /** The operator chose "install and restart". */
  operatorConsented: boolean;
}

export type InstallDecision =
  | { install: true; reason: 'outboxEmpty' | 'operatorConsented' }
  | { install: false; reason: 'notDownloaded' | 'operatorBusy' | 'awaitingConsent' };

/** Busy always wins, even over consent: a restart must never land in the middle of editing or signing. */
export function decideInstall(state: UpdateState, context: InstallContext): InstallDecision {
  if (state.phase !== 'downloaded') return { install: false, reason: 'notDownloaded' };
  if (context.operatorBusy) return { install: false, reason: 'operatorBusy' };
  if (context.operatorConsented) return { install: true, reason: 'operatorConsented' };
  if (context.outboxPending === 0) return { install: true, reason: 'outboxEmpty' };
  return { install: false, reason: 'awaitingConsent' };
}

/** The event for an error, whatever was thrown. */
export function failureEvent(error: unknown, now: Date, fallbackCode = 'update.failed'): UpdateEvent {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : fallbackCode;
  return { type: 'failed', code, message: error instanceof Error ? error.message : String(error), at: now.toISOString() };
}
