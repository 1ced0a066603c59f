import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, needsRestart, publicView, settingsFileSchema, settingsSchema } from './settingsSchema';

describe('settings', () => {
  it('merges a partial rollout file over the current settings', () => {
    const patch = settingsFileSchema.parse({ office: { code: 'ALM-07' }, retentionDays: 30 });
    const merged = mergeSettings(DEFAULT_SETTINGS, patch);
    expect(merged.office).toEqual({ code: 'ALM-07', name: DEFAULT_SETTINGS.office.name });
    expect(merged.retentionDays).toBe(30);
    expect(merged.gateway).toEqual(DEFAULT_SETTINGS.gateway);
  });

  it('refuses unknown keys and bad values instead of ignoring them', () => {
    expect(settingsFileSchema.safeParse({ retentionDays: 30, retentonDays: 5 }).success).toBe(false);
    expect(() => mergeSettings(DEFAULT_SETTINGS, { gateway: { url: 'not a url' } })).toThrow();
    expect(() => mergeSettings(DEFAULT_SETTINGS, { office: { code: 'lower case' } })).toThrow();
  });

  it('never shows the gateway secret, only whether it is set', () => {
    const view = publicView(mergeSettings(DEFAULT_SETTINGS, { gateway: { clientSecret: 's3cret' } }));
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(view.gateway.hasClientSecret).toBe(true);
  });

  it('locks after 10 idle minutes unless the administrator chose 1 to 60, also for files from before the setting', () => {
    const { idleLockMinutes: _absent, ...before } = DEFAULT_SETTINGS;
    expect(settingsSchema.parse(before).idleLockMinutes).toBe(10);
    expect(mergeSettings(DEFAULT_SETTINGS, settingsFileSchema.parse({ idleLockMinutes: 3 })).idleLockMinutes).toBe(3);
    for (const minutes of [0, 61, 2.5]) expect(settingsFileSchema.safeParse({ idleLockMinutes: minutes }).success, String(minutes)).toBe(false);
  });

  it('knows which changes need a restart', () => {
    expect(needsRestart(DEFAULT_SETTINGS, mergeSettings(DEFAULT_SETTINGS, { trainingMode: false }))).toBe(true);
    expect(needsRestart(DEFAULT_SETTINGS, mergeSettings(DEFAULT_SETTINGS, { retentionDays: 10 }))).toBe(false);
  });
});
