import { useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistKind } from '../../../../shared/catalog/catalogSchema';
import type { HostResult } from '../../../../shared/host/hostApi';
import { scanProfileIds, type FinishedDocument, type PageEdit, type PageView, type ScanPlacement, type ScanProfileId } from '../../../../shared/scanning/scanProtocol';
import { useAppServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import { problemMessageKey } from './problemMessageKey';
import { profileLabelKey } from './profileLabels';
import { isRunning, useScanBatch } from './useScanBatch';

type Devices = HostResult<'scan.devices'>;

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
/** Keys typed into a field or a list are the field's, not shortcuts. */
const typingIn = (target: EventTarget) => target instanceof HTMLElement && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);

const LAST_DEVICE_KEY = 'qabyl.scanDevice';
const profileOfDeviceKey = (deviceId: string) => `qabyl.scanProfile.${deviceId}`;

/** What this checklist item is usually scanned as; other items follow what was last used on the device. */
function initialProfile(itemKind: ChecklistKind, deviceId: string, fallback: ScanProfileId): ScanProfileId {
  if (itemKind === 'paymentReceipt') return 'receipt';
  const remembered = localStorage.getItem(profileOfDeviceKey(deviceId));
  return scanProfileIds.find((id) => id === remembered) ?? fallback;
}

interface PageAction {
  label: string;
  /** The key as the operator reads it, and the KeyboardEvent.key values that do it. */
  hint: string;
  keys: string[];
  disabled?: boolean;
  run(): void;
}

interface PanelProps {
  requestId: string;
  itemId: string;
  itemKind: ChecklistKind;
  itemName: string;
  onAttached(documents: FinishedDocument[]): Promise<void>;
  onClose(): void;
}

/**
 * Scanning or importing the pages of one checklist document. First the devices this workstation reaches, and
 * the one used last here (remembered per workstation), then the batch itself.
 */
export function ScanPanel(props: PanelProps) {
  const { host } = useAppServices();
  const [devices, setDevices] = useState<Devices | null>(null);
  const findDevices = useCallback(async () => {
    try {
      setDevices(await host.call('scan.devices', {}));
    } catch (failure) {
      // No scanner list is no reason to stop: files can still be imported.
      console.error(failure);
      setDevices({ devices: [], defaultDevice: '', defaultProfile: 'text', watchedFolder: '' });
    }
  }, [host]);
  useEffect(() => {
    void findDevices();
  }, [findDevices]);
  if (!devices) return null;
  const last = localStorage.getItem(LAST_DEVICE_KEY);
  const deviceId = [last, devices.defaultDevice].find((id) => devices.devices.some((device) => device.id === id)) ?? devices.devices[0]?.id ?? '';
  return <BatchPanel {...props} devices={devices} onRefreshDevices={findDevices} initialDeviceId={deviceId} initialProfile={initialProfile(props.itemKind, deviceId, devices.defaultProfile)} />;
}

/**
 * The batch: thumbnails as pages arrive, their size, the automatic corrections (each undoable), the
 * operator's edits, and the PDF(s) attached on finish. Everything works from the keyboard; the shortcuts are
 * listed in the panel.
 */
function BatchPanel({ requestId, itemId, itemName, onAttached, onClose, devices, onRefreshDevices, initialDeviceId, initialProfile }: PanelProps & { devices: Devices; onRefreshDevices(): Promise<void>; initialDeviceId: string; initialProfile: ScanProfileId }) {
  const { t, i18n } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [deviceId, setDeviceId] = useState(initialDeviceId);
  const [input, setInput] = useState<'platen' | 'feeder'>('feeder');
  const [selected, setSelected] = useState(0);
  const [attaching, setAttaching] = useState(false);
  const batch = useScanBatch(host, requestId, itemId, initialProfile);
  const { view } = batch;
  // A batch resumed after a reload keeps the profile it was scanned with.
  const profile = view?.profile ?? initialProfile;
  const fileInput = useRef<HTMLInputElement>(null);
  const pageList = useRef<HTMLOListElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const running = isRunning(view);
  const pages = view?.pages ?? [];

  useEffect(() => {
    if (pages.length > 0) setSelected((shown) => Math.min(shown, pages.length - 1));
  }, [pages.length]);
  // Once the batch is open, the operator starts where the work is: scanning, or importing without a scanner.
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !view) return;
    focused.current = true;
    (deviceId ? startButton.current : importButton.current)?.focus();
  }, [view, deviceId]);

  // Scan disables the button that started it and Stop goes when it ends: focus would fall to the page, where the
  // panel's keys (arrows, Ctrl+Enter) do nothing. It goes to Stop while the scan runs, then to the pages; focus the
  // operator put anywhere else (the page list during a re-scan, a field of the form) stays where it is.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || (panel.current?.contains(active) && active instanceof HTMLButtonElement && active.disabled);
    if (!lost) return;
    (running ? document.getElementById('scan-cancel') : (pageList.current ?? startButton.current))?.focus();
  }, [running]);

  /** A forgotten sheet or a bad page is one sheet on the glass, whatever the batch came from. */
  function startScan(placement?: ScanPlacement) {
    if (!deviceId || running) return;
    localStorage.setItem(LAST_DEVICE_KEY, deviceId);
    localStorage.setItem(profileOfDeviceKey(deviceId), profile);
    void batch.start(deviceId, placement ? 'platen' : input, placement);
  }

  const current: PageView | undefined = pages[selected];

  async function importFiles(files: File[]) {
    if (files.length === 0) return;
    const documents = await batch.importFiles(files);
    if (documents.length > 0) await onAttached(documents);
  }

  async function attach() {
    if (pages.length === 0 || running) return;
    setAttaching(true);
    const documents = await batch.finish(itemName, `${itemName} · ${requestId}`);
    setAttaching(false);
    if (documents) {
      await onAttached(documents);
      onClose();
    }
  }

  /** Starts a new document at page `index` (the first page always starts one). */
  const startsDocument = (index: number) => index > 0 && pages[index]!.document !== pages[index - 1]!.document;

  /** What can be done to the selected page, from its toolbar or by key: one table, so the two never differ. */
  function pageActions(page: PageView, index: number): PageAction[] {
    const edit = (change: PageEdit) => () => void batch.edit(change);
    const cannotScan = !deviceId || running;
    return [
      { label: t('scan.insertHere'), hint: 'Insert', keys: ['Insert'], disabled: cannotScan, run: () => startScan({ kind: 'insertBefore', pageId: page.id }) },
      { label: t('scan.rescan'), hint: 'E', keys: ['e', 'E'], disabled: cannotScan, run: () => startScan({ kind: 'replace', pageId: page.id }) },
      { label: t('scan.rotateLeft'), hint: 'Shift+R', keys: ['R'], run: edit({ op: 'rotate', pageId: page.id, degrees: -90 }) },
      { label: t('scan.rotateRight'), hint: 'R', keys: ['r'], run: edit({ op: 'rotate', pageId: page.id, degrees: 90 }) },
      { label: t('scan.delete'), hint: 'Delete', keys: ['Delete'], run: edit({ op: 'delete', pageId: page.id }) },
      ...(page.deskewDegrees !== 0 ? [{ label: t(page.deskewUndone ? 'scan.redoDeskew' : 'scan.undoDeskew'), hint: 'D', keys: ['d', 'D'], run: edit({ op: 'toggleDeskew', pageId: page.id }) }] : []),
      ...(page.blank ? [{ label: t(page.keepBlank ? 'scan.dropBlank' : 'scan.keepBlank'), hint: 'B', keys: ['b', 'B'], run: edit({ op: 'toggleKeepBlank', pageId: page.id }) }] : []),
      ...(index > 0 ? [{ label: t(startsDocument(index) ? 'scan.join' : 'scan.split'), hint: 'N', keys: ['n', 'N'], run: edit({ op: 'toggleSplit', pageId: page.id }) }] : []),
    ];
  }

  function onListKey(event: KeyboardEvent) {
    const key = event.key;
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      event.preventDefault();
      const step = key === 'ArrowRight' ? 1 : -1;
      const target = Math.min(pages.length - 1, Math.max(0, selected + step));
      if (event.altKey && current) void batch.edit({ op: 'move', pageId: current.id, toIndex: target });
      setSelected(target);
      return;
    }
    const action = current && pageActions(current, selected).find((candidate) => candidate.keys.includes(key));
    if (action) {
      event.preventDefault();
      event.stopPropagation();
      if (!action.disabled) action.run();
    }
  }

  function onPanelKey(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      void attach();
    } else if (!typingIn(event.target) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      if (event.key.toLowerCase() === 's') {
        event.preventDefault();
        startScan();
      } else if (event.key.toLowerCase() === 'i') {
        event.preventDefault();
        fileInput.current?.click();
      }
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    void importFiles([...event.dataTransfer.files]);
  }

  // What goes into the PDF: blank pages only when the operator kept them.
  const kept = pages.filter((page) => !page.blank || page.keepBlank);
  const problems = view?.job.problems ?? [];
  const problemText = (code: string) => t(problemMessageKey(code));

  return (
    <section ref={panel} className="scan-panel" role="dialog" aria-labelledby="scan-title" onKeyDown={onPanelKey} onDragOver={(event) => event.preventDefault()} onDrop={onDrop} data-testid="scan-panel">
      <h2 id="scan-title">{itemName}</h2>
      <div className="scan-controls">
        <div className="field">
          <label htmlFor="scan-device">{t('scan.device')}</label>
          <select id="scan-device" value={deviceId} onChange={(event) => setDeviceId(event.target.value)} disabled={running}>
            {devices.devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scan-profile">{t('scan.profile')}</label>
          <select
            id="scan-profile"
            value={profile}
            disabled={running || pages.length > 0}
            onChange={(event) => void batch.reopen(event.target.value as ScanProfileId)}
          >
            {scanProfileIds.map((id) => (
              <option key={id} value={id}>
                {t(profileLabelKey[id])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scan-input">{t('scan.input')}</label>
          <select id="scan-input" value={input} onChange={(event) => setInput(event.target.value as 'platen' | 'feeder')} disabled={running}>
            <option value="feeder">{t('scan.feeder')}</option>
            <option value="platen">{t('scan.platen')}</option>
          </select>
        </div>
        <button type="button" id="scan-start" ref={startButton} disabled={!deviceId || running || !view} onClick={() => startScan()}>
          {t('scan.start')} (S)
        </button>
        <button type="button" className="secondary" id="scan-refresh" onClick={() => void onRefreshDevices()} disabled={running}>
          {t('scan.refreshDevices')}
        </button>
        <button type="button" className="secondary" id="scan-import" ref={importButton} onClick={() => fileInput.current?.click()} disabled={running || !view}>
          {t('scan.import')} (I)
        </button>
        <input
          ref={fileInput}
          id="scan-file"
          type="file"
          multiple
          hidden
          accept="image/jpeg,image/png,image/tiff,application/pdf,.tif,.tiff"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void importFiles(files);
          }}
        />
      </div>
      {devices.devices.length === 0 && <p className="muted">{t('scan.noDevices')}</p>}
      {devices.watchedFolder && <p className="muted">{t('scan.watchedFolder', { folder: devices.watchedFolder })}</p>}
      <p className="muted">{t('scan.dropHint')}</p>
      {running && view && (
        <div className="scan-progress" data-testid="scan-progress">
          <progress max={view.job.total ?? undefined} value={view.job.total ? view.job.done : undefined} aria-label={t('scan.pages')} />
          <span>{view.job.total ? t('scan.progressOf', { done: view.job.done, total: view.job.total }) : t('scan.progress', { done: view.job.done })}</span>{' '}
          <button type="button" id="scan-cancel" className="secondary" onClick={() => void batch.cancel()}>
            {t('scan.cancel')}
          </button>
        </div>
      )}
      {(problems.length > 0 || batch.error !== null) && (
        <ul className="error" role="alert" data-testid="scan-problems">
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.subject && <strong>{problem.subject}: </strong>}
              {problemText(problem.code)}
            </li>
          ))}
          {batch.error !== null && <li>{errorText(batch.error)}</li>}
        </ul>
      )}
      {pages.length === 0 ? (
        <p className="muted">{t('scan.emptyBatch')}</p>
      ) : (
        <ol className="scan-pages" ref={pageList} role="listbox" aria-label={t('scan.pages')} tabIndex={0} aria-activedescendant={current ? `scan-page-${current.id}` : undefined} onKeyDown={onListKey} data-testid="scan-pages">
          {pages.map((page, index) => (
            <li
              key={page.id}
              id={`scan-page-${page.id}`}
              role="option"
              aria-selected={index === selected}
              title={page.origin}
              className={`scan-page${index === selected ? ' selected' : ''}${page.blank && !page.keepBlank ? ' blank' : ''}${startsDocument(index) ? ' split' : ''}`}
              onClick={() => {
                setSelected(index);
                pageList.current?.focus();
              }}
            >
              {startsDocument(index) && <span className="badge">{t('scan.document', { number: page.document + 1 })}</span>}
              <img src={page.thumbnail} alt={t('scan.page', { number: index + 1 })} />
              <span className="muted" data-testid="page-size">
                {t('scan.pageBytes', { kb: kb(page.bytes) })}
              </span>
              {page.blank && !page.keepBlank && <span className="badge">{t('scan.blank')}</span>}
              {page.deskewDegrees !== 0 && !page.deskewUndone && <span className="muted">{t('scan.deskewed', { degrees: Math.abs(page.deskewDegrees).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}</span>}
            </li>
          ))}
        </ol>
      )}
      {current && (
        <div className="scan-page-actions" role="toolbar" aria-label={t('scan.page', { number: selected + 1 })}>
          {pageActions(current, selected).map((action) => (
            <button key={action.hint} type="button" className="secondary" disabled={action.disabled} onClick={action.run}>
              {action.label} ({action.hint})
            </button>
          ))}
        </div>
      )}
      <p className="muted" data-testid="scan-total">
        {t('scan.total', { pages: kept.length, kb: kb(kept.reduce((sum, page) => sum + page.bytes, 0)) })}
      </p>
      <p className="muted shortcuts">{t('scan.shortcuts')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('scan.close')} (Esc)
        </button>
        <button type="button" className="secondary" onClick={() => void batch.discard().then(onClose)} disabled={running || pages.length === 0}>
          {t('scan.discard')}
        </button>
        <button type="button" id="scan-attach" onClick={() => void attach()} disabled={running || attaching || pages.length === 0}>
          {attaching ? t('scan.attaching') : t('scan.attach', { item: itemName })} (Ctrl+Enter)
        </button>
      </div>
    </section>
  );
}
