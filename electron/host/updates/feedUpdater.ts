/**
 * Drives the update state machine with the feed reader: what browser mode and diagnostics use. Never throws:
 * an unreachable feed, a bad file or a full disk all end in idle with the error kept.
 */
import { compareVersions, downloadUpdateFile, fetchUpdateInfo, pickUpdateFile, type FeedLocation, type UpdateFile } from './updateFeed';
import { failureEvent, INITIAL_UPDATE_STATE, nextUpdateState, type UpdateEvent, type UpdateState } from './updatePolicy';

export interface FeedUpdaterOptions extends FeedLocation {
  currentVersion: string;
  /** Where verified downloads are kept. */
  downloadDir: string;
  now?: () => Date;
  onChange?: (state: UpdateState) => void;
}

export interface FeedUpdater {
  state(): UpdateState;
  /** Looks for a newer version; concurrent calls share one check. */
  check(): Promise<UpdateState>;
  /** Downloads and verifies the version found by `check`; a no-op in any other phase. */
  download(): Promise<UpdateState>;
}

export function createFeedUpdater(options: FeedUpdaterOptions): FeedUpdater {
  const now = options.now ?? (() => new Date());
  let state = INITIAL_UPDATE_STATE;
  let file: UpdateFile | undefined;
  let inFlight: Promise<UpdateState> | undefined;

  const apply = (event: UpdateEvent) => {
    const next = nextUpdateState(state, event);
    if (next !== state) options.onChange?.(next);
    state = next;
  };
  const singleFlight = (work: () => Promise<void>): Promise<UpdateState> =>
    (inFlight ??= work()
      .catch((error: unknown) => apply(failureEvent(error, now())))
      .then(() => state)
      .finally(() => (inFlight = undefined)));

  return {
    state: () => state,
    check: () =>
      singleFlight(async () => {
        apply({ type: 'checkStarted' });
        if (state.phase !== 'checking') return;
        const info = await fetchUpdateInfo(options);
        if (compareVersions(info.version, options.currentVersion) <= 0) return apply({ type: 'noUpdate' });
        file = pickUpdateFile(info, options.platform);
        apply({ type: 'updateFound', version: info.version });
      }),
    download: () =>
      singleFlight(async () => {
        if (state.phase !== 'available' || !file) return;
        apply({ type: 'downloadStarted' });
        await downloadUpdateFile(options, file, options.downloadDir);
        apply({ type: 'downloaded' });
      }),
  };
}
