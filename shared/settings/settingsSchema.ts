/**
 * Workstation settings, kept by the host and managed by the administrator (or rolled out from a file to many
 * workstations at once). Secrets are accepted here but never handed back to the renderer.
 */
import { z } from 'zod';
import { languages } from '../i18n/messages';
import { TRUST_PROFILES } from '../pki/trustProfiles';

/** Addresses the workstation fetches from: http(s) only, never file:, javascript: or the like from a settings file. */
const httpUrl = z.url({ protocol: /^https?$/ });

export const settingsSchema = z.object({
  office: z.object({ code: z.string().trim().regex(/^[A-Z0-9-]{2,16}$/), name: z.string().trim().min(2).max(200) }),
  gateway: z.object({
    /** Empty until the administrator sets it: production has no default gateway (training uses its embedded sandbox). */
    url: z.union([httpUrl, z.literal('')]).default(''),
    /**
     * Production trusts only this (PEM: the gateway's certificate or its CA), never the system's CAs; the host also
     * requires https:// and refuses the sandbox before keeping an address (electron/host/gateway/gatewayConnection.ts).
     */
    pinnedCertificatePem: z.string().max(64_000).default(''),
    clientId: z.string().max(200).default(''),
    /** Write-only: the renderer sees whether one is set, never the value. */
    clientSecret: z.string().max(500).default(''),
  }),
  /** Training runs against the embedded sandbox with its own data, kept apart from real requests. */
  trainingMode: z.boolean(),
  /** Where the operators' PKCS#12 key files are (production); training keys live in the training data. */
  keysFolder: z.string().max(1000).default(''),
  /** Which NCA certificates signatures must chain to (shared/pki/trustProfiles.ts); training keeps its own CA besides. */
  trustProfile: z.enum(TRUST_PROFILES).default('ncaProduction'),
  scanner: z.object({
    defaultDevice: z.string().max(300).default(''),
    defaultProfile: z.enum(['text', 'gray', 'photo', 'receipt']).default('text'),
    /** Network scanners by their eSCL root (e.g. http://192.168.1.20/eSCL): multicast discovery rarely crosses office subnets. */
    esclUrls: z.array(httpUrl).max(20).default([]),
    /** The folder office scanners "scan to"; files arriving there join the batch the operator has open. */
    watchedFolder: z.string().max(1000).default(''),
  }),
  /** Days after hand-over that local copies of scans are kept (issue: retention policy). */
  retentionDays: z.number().int().min(1).max(3650),
  /** The intranet update feed (generic provider); empty = the address built into the installer. */
  updates: z.object({ feedUrl: z.union([httpUrl, z.literal('')]).default('') }).default({ feedUrl: '' }),
  /** Signing is blocked once the cached revocation list is older than this (it refreshes whenever the link is up). */
  crlMaxAgeHours: z.number().int().min(1).max(24 * 30).default(72),
  /** Minutes without input before the screen locks over the work (a shared office PC: short, but not in the operator's way). */
  idleLockMinutes: z.number().int().min(1).max(60).default(10),
  /** Where workstation backups are written (e.g. a USB stick); empty = the backups folder beside the data. */
  backupFolder: z.string().max(1000).default(''),
  /**
   * The daily backup into a folder on another disk or a share (electron/host/backup/automaticBackup.ts), keeping the
   * newest `keep`. Its key is set apart (autoBackup.setKey) and never lives in the settings.
   */
  autoBackup: z.object({ enabled: z.boolean().default(false), folder: z.string().max(1000).default(''), keep: z.number().int().min(1).max(365).default(14) }).default({ enabled: false, folder: '', keep: 14 }),
  language: z.enum(languages),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What a settings file may carry: any subset, merged over the current settings. */
export const settingsFileSchema = z
  .object({
    office: settingsSchema.shape.office.partial(),
    gateway: settingsSchema.shape.gateway.partial(),
    trainingMode: z.boolean(),
    keysFolder: z.string().max(1000),
    trustProfile: z.enum(TRUST_PROFILES),
    scanner: settingsSchema.shape.scanner.partial(),
    updates: z.object({ feedUrl: z.union([httpUrl, z.literal('')]) }).partial(),
    retentionDays: settingsSchema.shape.retentionDays,
    crlMaxAgeHours: z.number().int().min(1).max(24 * 30),
    idleLockMinutes: z.number().int().min(1).max(60),
    backupFolder: z.string().max(1000),
    autoBackup: z.object({ enabled: z.boolean(), folder: z.string().max(1000), keep: z.number().int().min(1).max(365) }).partial(),
    language: settingsSchema.shape.language,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsFileSchema>;

/** The renderer's view: everything but the secret, which shows only as set or not. */
export const publicSettingsSchema = settingsSchema.extend({
  gateway: settingsSchema.shape.gateway.omit({ clientSecret: true }).extend({ hasClientSecret: z.boolean() }),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  office: { code: 'TRN', name: 'Оқу ХҚКО / Учебный ЦОН' },
  gateway: { url: '', pinnedCertificatePem: '', clientId: '', clientSecret: '' },
  trainingMode: true,
  keysFolder: '',
  trustProfile: 'ncaProduction',
  scanner: { defaultDevice: '', defaultProfile: 'text', esclUrls: [], watchedFolder: '' },
  updates: { feedUrl: '' },
  retentionDays: 90,
  crlMaxAgeHours: 72,
  idleLockMinutes: 10,
  backupFolder: '',
  autoBackup: { enabled: false, folder: '', keep: 14 },
  language: 'kk',
};

export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    ...patch,
    office: { ...current.office, ...patch.office },
    gateway: { ...current.gateway, ...patch.gateway },
    scanner: { ...current.scanner, ...patch.scanner },
    updates: { ...current.updates, ...patch.updates },
    autoBackup: { ...current.autoBackup, ...patch.autoBackup },
  });
}

export function publicView(settings: Settings): PublicSettings {
  const { clientSecret, ...gateway } = settings.gateway;
  return { ...settings, gateway: { ...gateway, hasClientSecret: clientSecret.length > 0 } };
}

/** Changes that only take effect when the workstation restarts (they choose which world it runs in). */
export function needsRestart(before: Settings, after: Settings): boolean {
  return (
    before.trainingMode !== after.trainingMode ||
    before.gateway.url !== after.gateway.url ||
    before.gateway.pinnedCertificatePem !== after.gateway.pinnedCertificatePem ||
    before.keysFolder !== after.keysFolder ||
    before.trustProfile !== after.trustProfile ||
    before.crlMaxAgeHours !== after.crlMaxAgeHours
  );
}
