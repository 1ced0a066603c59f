/** The workstation's settings file: defaults until the administrator saves or imports some. */
import { readFile } from 'node:fs/promises';
import { HostError } from '../../../shared/host/hostError';
import { DEFAULT_SETTINGS, mergeSettings, needsRestart, settingsFileSchema, settingsSchema, type Settings } from '../../../shared/settings/settingsSchema';
import { writeFileAtomically } from '../storage/atomicFile';

export interface SettingsStore {
  load(): Promise<Settings>;
  /**
   * Validates the whole result before anything is written; a bad patch changes nothing. `vet` judges the result
   * further (the gateway address: gateway/gatewayConnection.ts) and may refuse it by throwing, also before writing.
   */
  apply<V = undefined>(patch: unknown, vet?: (next: Settings, before: Settings) => Promise<V>): Promise<{ settings: Settings; restartNeeded: boolean; vetted?: V }>;
}

export function createSettingsStore(file: string): SettingsStore {
  const store: SettingsStore = {
    async load() {
      const text = await readFile(file, 'utf8').catch(() => null);
      return text === null ? DEFAULT_SETTINGS : settingsSchema.parse(JSON.parse(text));
    },
    async apply(patch, vet) {
      const parsedPatch = settingsFileSchema.safeParse(patch);
      if (!parsedPatch.success) throw new HostError('settings.invalid', parsedPatch.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '));
      const before = await store.load();
      let settings: Settings;
      try {
        settings = mergeSettings(before, parsedPatch.data);
      } catch (error) {
        throw new HostError('settings.invalid', error instanceof Error ? error.message : String(error));
      }
      const vetted = await vet?.(settings, before);
      await writeFileAtomically(file, JSON.stringify(settings, null, 2));
      return { settings, restartNeeded: needsRestart(before, settings), ...(vetted === undefined ? {} : { vetted }) };
    },
  };
  return store;
}
