/** The workstation's settings file: defaults until the administrator saves or imports some. */
import { readFile } from 'node:fs/promises';
import { HostError } from '../../../shared/host/hostError';
import { DEFAULT_SETTINGS, mergeSettings, needsRestart, settingsFileSchema, settingsSchema, type Settings } from '../../../shared/settings/settingsSchema';
import { writeFileAtomically } from '../storage/atomicFile';

export interface SettingsStore {
  load(): Promise<Settings>;
  /** Validates the whole result before anything is written; a bad patch changes nothing. */
  apply(patch: unknown): Promise<{ settings: Settings; restartNeeded: boolean }>;
}

export function createSettingsStore(file: string): SettingsStore {
  const store: SettingsStore = {
    async load() {
      const text = await readFile(file, 'utf8').catch(() => null);
      return text === null ? DEFAULT_SETTINGS : settingsSchema.parse(JSON.parse(text));
    },
    async apply(patch) {
      const parsedPatch = settingsFileSchema.safeParse(patch);
      if (!parsedPatch.success) throw new HostError('settings.invalid', parsedPatch.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '));
      const before = await store.load();
      let settings: Settings;
      try {
        settings = mergeSettings(before, parsedPatch.data);
      } catch (error) {
        throw new HostError('settings.invalid', error instanceof Error ? error.message : String(error));
      }
      await writeFileAtomically(file, JSON.stringify(settings, null, 2));
      return { settings, restartNeeded: needsRestart(before, settings) };
    },
  };
  return store;
}
