import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings/settingsSchema';
import { createSettingsStore } from './settingsStore';

const fresh = async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'qabyl-settings-')), 'settings.json');
  return { file, store: createSettingsStore(file) };
};

describe('settingsStore', () => {
  it('starts from defaults and keeps what is applied across instances', async () => {
    const { file, store } = await fresh();
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    const { restartNeeded } = await store.apply({ office: { code: 'AST-02', name: 'Астана, №2 ХҚКО' }, trainingMode: false });
    expect(restartNeeded).toBe(true);
    expect((await createSettingsStore(file).load()).office.code).toBe('AST-02');
  });

  it('refuses a bad file with a reason and leaves the settings as they were', async () => {
    const { file, store } = await fresh();
    await store.apply({ retentionDays: 30 });
    await expect(store.apply({ retentionDays: -1 })).rejects.toMatchObject({ code: 'settings.invalid' });
    await expect(store.apply({ gatewy: { url: 'http://x' } })).rejects.toMatchObject({ code: 'settings.invalid' });
    await expect(store.apply('not an object')).rejects.toMatchObject({ code: 'settings.invalid' });
    expect(JSON.parse(await readFile(file, 'utf8')).retentionDays).toBe(30);
  });
});
