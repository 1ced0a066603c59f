import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { HostClient } from '../../../../shared/host/hostApi';
import { isJobRunning, type BatchView, type PageEdit, type ScanPlacement, type ScanProfileId } from '../../../../shared/scanning/scanProtocol';
import { HostCallError } from '../../host/hostClient';
import { readFileBase64 } from '../requests/readFileBase64';

const POLL_MS = 400;
/** Idle, pages can still arrive: from the watched folder, or a scan started from the other window. */
const IDLE_POLL_MS = 1_500;
/** The batch of a checklist item survives a reload or a crash: the pages are in the host, the id is here. */
export const SCAN_BATCH_KEY_PREFIX = 'qabyl.scanBatch.';
const storageKey = (requestId: string, itemId: string) => `${SCAN_BATCH_KEY_PREFIX}${requestId}.${itemId}`;

export const isRunning = (view: BatchView | null) => view !== null && isJobRunning(view.job);

export function useScanBatch(host: HostClient, requestId: string, itemId: string, profile: ScanProfileId) {
  const [view, setView] = useState<BatchView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = storageKey(requestId, itemId);
  const viewRef = useRef<BatchView | null>(null);
  viewRef.current = view;

  const guarded = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(failure);
      return undefined;
    }
  };

  async function openFresh(withProfile: ScanProfileId) {
    const opened = await host.call('scan.open', { profile: withProfile });
    localStorage.setItem(key, opened.batchId);
    setView(opened);
  }

  // Runs once per batch key: the profile is only what a fresh batch starts with.
  const openBatch = useEffectEvent(() => {
    const stored = localStorage.getItem(key);
    void guarded(async () => {
      if (stored) {
        try {
          setView(await host.call('scan.view', { batchId: stored }));
          return;
        } catch (failure) {
          if (!(failure instanceof HostCallError && failure.code === 'scan.unknownBatch')) throw failure;
        }
      }
      await openFresh(profile);
    });
  });
  useEffect(() => openBatch(), [key]);

  // Pages and progress come in by polling, quickly while the feeder runs; the host keeps them on disk either way.
  useEffect(() => {
    if (!view) return;
    const timer = setTimeout(
      () => {
        host.call('scan.view', { batchId: view.batchId }).then(setView, setError);
      },
      isRunning(view) ? POLL_MS : IDLE_POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [host, view]);

  const batchId = () => viewRef.current?.batchId ?? '';

  return {
    view,
    error,
    start: (deviceId: string, input: 'platen' | 'feeder', placement?: ScanPlacement) =>
      guarded(async () => setView(await host.call('scan.start', { batchId: batchId(), deviceId, input, ...(placement ? { placement } : {}) }))),
    cancel: () => guarded(async () => setView(await host.call('scan.cancel', { batchId: batchId() }))),
    edit: (edit: PageEdit) => guarded(async () => setView(await host.call('scan.edit', { batchId: batchId(), edit }))),
    /** Files one after another, so each gets its own progress and a refused one does not stop the rest. */
    importFiles: async (files: File[]) => {
      const documents = [];
      for (const file of files) {
        const imported = await guarded(async () => host.call('scan.import', { batchId: batchId(), fileName: file.name, contentBase64: await readFileBase64(file) }));
        if (!imported) continue;
        setView(imported.view);
        if (imported.document) documents.push(imported.document);
      }
      return documents;
    },
    reopen: (withProfile: ScanProfileId) =>
      guarded(async () => {
        // Only offered while the batch is empty (the panel locks the profile once pages exist).
        const previous = viewRef.current;
        if (previous) await host.call('scan.discard', { batchId: previous.batchId });
        await openFresh(withProfile);
      }),
    finish: (title: string, subject: string) =>
      guarded(async () => {
        const { documents } = await host.call('scan.finish', { batchId: batchId(), title, subject });
        localStorage.removeItem(key);
        return documents;
      }),
    discard: () =>
      guarded(async () => {
        await host.call('scan.discard', { batchId: batchId() });
        localStorage.removeItem(key);
        setView(null);
      }),
  };
}
