import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { scanProfileIds, type ScanProfileId } from '../../../../shared/scanning/scanProtocol';
import { profileLabelKey } from '../scanning/profileLabels';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../../shared/host/hostApi';
import { languages } from '../../../../shared/i18n/messages';
import type { PublicSettings, SettingsPatch } from '../../../../shared/settings/settingsSchema';
import { useAppServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { readFileBase64 } from '../requests/readFileBase64';
import { GatewayFields } from '../gateway/GatewayFields';
import { DiagnosticsExport } from './DiagnosticsExport';
import { QueueTransfer } from './QueueTransfer';
import { TrustPanel } from './TrustPanel';
import { TRUST_PROFILES, type TrustProfileId } from '../../../../shared/pki/trustProfiles';
import { BackupPanel } from '../backup/BackupPanel';
import { AutomaticBackupPanel } from '../backup/AutomaticBackup';
import { RestorePanel } from '../backup/RestorePanel';


/** The administrator's settings: edited here, or loaded from a rollout file; the host validates before it keeps them. */
export function SettingsScreen({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const { host, refresh } = useAppServices();
  const errorText = useErrorText();
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [secret, setSecret] = useState('');
  // Typed as text (space- or comma-separated), so a half-typed list is not rewritten under the cursor.
  const [esclUrls, setEsclUrls] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    host.call('settings.get', {}).then(
      (loaded) => {
        setSettings(loaded);
        setEsclUrls(loaded.scanner.esclUrls.join(' '));
      },
      (failure) => setMessage({ ok: false, text: errorText(failure) }));
  }, [host, errorText]);

  const settled = ({ settings: saved, restartNeeded, gatewayCheck }: HostResult<'settings.update'>) => {
    setSettings(saved);
    setSecret('');
    const said = [t('settings.saved'), ...(gatewayCheck ? [t(gatewayCheck === 'reached' ? 'gateway.reached' : 'gateway.notReached')] : []), ...(restartNeeded ? [t('settings.restartNeeded')] : [])];
    setMessage({ ok: true, text: said.map((sentence) => sentence.replace(/\.$/, '')).join('. ') });
    void refresh();
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    const { hasClientSecret: _hasSecret, ...gateway } = settings.gateway;
    const patch: SettingsPatch = { ...settings, gateway: { ...gateway, ...(secret ? { clientSecret: secret } : {}) } };
    try {
      settled(await host.call('settings.update', patch));
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      settled(await host.call('settings.import', { contentBase64: await readFileBase64(file) }));
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  }

  const status = message && (
    <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="settings-message">
      {message.text}
    </p>
  );
  if (!settings) return <main className="card">{status}</main>;
  const set = (patch: Partial<PublicSettings>) => setSettings({ ...settings, ...patch });

  return (
    <main className="card">
      <h1>{t('settings.title')}</h1>
      {status}
      <form onSubmit={(event) => void save(event)}>
        <TextField id="settings-officeCode" label={t('settings.officeCode')} value={settings.office.code} onChange={(code) => set({ office: { ...settings.office, code } })} autoFocus required />
        <TextField id="settings-officeName" label={t('settings.officeName')} value={settings.office.name} onChange={(name) => set({ office: { ...settings.office, name } })} required />
        <label className="checkbox">
          <input id="settings-trainingMode" type="checkbox" checked={settings.trainingMode} onChange={(event) => set({ trainingMode: event.target.checked })} />
          {t('settings.trainingMode')}
        </label>
        <GatewayFields idPrefix="settings" value={settings.gateway} onChange={(draft) => set({ gateway: { ...settings.gateway, ...draft } })} />
        <TextField id="settings-clientId" label={t('settings.clientId')} value={settings.gateway.clientId} onChange={(clientId) => set({ gateway: { ...settings.gateway, clientId } })} />
        <TextField id="settings-clientSecret" label={`${t('settings.clientSecret')}${settings.gateway.hasClientSecret ? ` (${t('settings.secretSet')})` : ''}`} type="password" value={secret} onChange={setSecret} />
        <TextField id="settings-keysFolder" label={t('settings.keysFolder')} value={settings.keysFolder} onChange={(keysFolder) => set({ keysFolder })} />
        <div className="field">
          <label htmlFor="settings-trustProfile">{t('settings.trustProfile')}</label>
          <select id="settings-trustProfile" value={settings.trustProfile} onChange={(event) => set({ trustProfile: event.target.value as TrustProfileId })}>
            {TRUST_PROFILES.map((profile) => (
              <option key={profile} value={profile}>
                {t(`settings.trust_${profile}`)}
              </option>
            ))}
          </select>
        </div>
        <TrustPanel />
        <TextField id="settings-scannerDevice" label={t('settings.scannerDevice')} value={settings.scanner.defaultDevice} onChange={(defaultDevice) => set({ scanner: { ...settings.scanner, defaultDevice } })} />
        <TextField
          id="settings-esclUrls"
          label={t('settings.esclUrls')}
          value={esclUrls}
          onChange={(text) => {
            setEsclUrls(text);
            set({ scanner: { ...settings.scanner, esclUrls: text.split(/[\s,]+/).filter(Boolean) } });
          }}
        />
        <TextField id="settings-watchedFolder" label={t('settings.watchedFolder')} value={settings.scanner.watchedFolder} onChange={(watchedFolder) => set({ scanner: { ...settings.scanner, watchedFolder } })} />
        <div className="field">
          <label htmlFor="settings-scannerProfile">{t('settings.scannerProfile')}</label>
          <select id="settings-scannerProfile" value={settings.scanner.defaultProfile} onChange={(event) => set({ scanner: { ...settings.scanner, defaultProfile: event.target.value as ScanProfileId } })}>
            {scanProfileIds.map((profile) => (
              <option key={profile} value={profile}>
                {t(profileLabelKey[profile])}
              </option>
            ))}
          </select>
        </div>
        <TextField id="settings-retentionDays" label={t('settings.retentionDays')} value={String(settings.retentionDays)} onChange={(days) => set({ retentionDays: Number(days) })} inputMode="numeric" required />
        <TextField id="settings-idleLockMinutes" label={t('settings.idleLockMinutes')} value={String(settings.idleLockMinutes)} onChange={(minutes) => set({ idleLockMinutes: Number(minutes) })} inputMode="numeric" required />
        <div className="field">
          <label htmlFor="settings-language">{t('settings.language')}</label>
          <select id="settings-language" value={settings.language} onChange={(event) => set({ language: event.target.value as PublicSettings['language'] })}>
            {languages.map((language) => (
              <option key={language} value={language}>
                {language.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <TextField id="settings-updateFeedUrl" label={t('settings.updateFeedUrl')} value={settings.updates.feedUrl} onChange={(feedUrl) => set({ updates: { feedUrl } })} />
        <TextField id="settings-backupFolder" label={t('backup.folder')} value={settings.backupFolder} onChange={(backupFolder) => set({ backupFolder })} />
        <label className="checkbox">
          <input id="settings-autoBackupEnabled" type="checkbox" checked={settings.autoBackup.enabled} onChange={(event) => set({ autoBackup: { ...settings.autoBackup, enabled: event.target.checked } })} />
          {t('autoBackup.enabled')}
        </label>
        <TextField id="settings-autoBackupFolder" label={t('autoBackup.folder')} value={settings.autoBackup.folder} onChange={(folder) => set({ autoBackup: { ...settings.autoBackup, folder } })} />
        <TextField id="settings-autoBackupKeep" label={t('autoBackup.keep')} value={String(settings.autoBackup.keep)} onChange={(keep) => set({ autoBackup: { ...settings.autoBackup, keep: Number(keep) } })} inputMode="numeric" required />
        <QueueTransfer />
        <DiagnosticsExport />
        <div className="actions">
          <button type="button" className="secondary" onClick={onBack}>
            {t('request.back')}
          </button>
          <button type="button" className="secondary" id="settings-import" onClick={() => fileInput.current?.click()}>
            {t('settings.import')}
          </button>
          <input ref={fileInput} id="settings-file" type="file" accept=".json,application/json" hidden onChange={(event) => void importFile(event)} />
          <button type="submit" id="settings-save">
            {t('settings.save')}
          </button>
        </div>
      </form>
      {/* Outside the settings form: their own Enter starts a backup or checks a file, never saves the settings. */}
      <BackupPanel />
      <AutomaticBackupPanel />
      <RestorePanel />
    </main>
  );
}
