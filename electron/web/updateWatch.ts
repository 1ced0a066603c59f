/**
 * Browser mode cannot replace the running app, but it can prepare: it checks the intranet feed at start and every
 * few hours and downloads a newer installer into <data>/updates (verified against the feed's SHA-512), and the
 * diagnostics show it. Installing stays with the administrator (docs/administrators.md).
 */
import type { UpdateControl } from '../host/hostConfig';
import { createFeedUpdater, type FeedUpdaterOptions } from '../host/updates/feedUpdater';
import { decideInstall } from '../host/updates/updatePolicy';

const CHECK_EVERY_MS = 4 * 3_600_000;

export function watchUpdateFeed(options: FeedUpdaterOptions): UpdateControl {
  const feed = createFeedUpdater(options);
  const checkAndFetch = async () => {
    if ((await feed.check()).phase === 'available') await feed.download();
  };
  void checkAndFetch();
  setInterval(() => void checkAndFetch(), CHECK_EVERY_MS).unref();
  const decision = (operatorBusy: boolean) => decideInstall(feed.state(), { operatorBusy, outboxPending: 0, operatorConsented: false });
  return {
    state: () => feed.state(),
    reportActivity: ({ operatorBusy }) => decision(operatorBusy),
    install: () => decision(false),
  };
}
