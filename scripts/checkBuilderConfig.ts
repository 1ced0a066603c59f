/**
 * Checks electron-builder.yml before anyone builds installers from it (building needs the Electron binary, which
 * CI does not have): valid YAML, valid against electron-builder's own JSON schema (a misspelled key is an error,
 * not silently ignored), and our deployment policy. `npx tsx scripts/checkBuilderConfig.ts` prints the problems.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';

const root = fileURLToPath(new URL('..', import.meta.url));

const targetNames = (target: unknown): string[] =>
  (Array.isArray(target) ? target : [target]).map((t: unknown) => (typeof t === 'object' && t !== null ? String((t as { target?: unknown }).target) : String(t)));

const requireTargets = (names: string[]) =>
  z.object({ target: z.unknown() }).refine((platform) => names.every((name) => targetNames(platform.target).includes(name)), `targets must include ${names.join(', ')}`);

/** The hardening fuses every shipped binary must carry; a fuse missing or turned back is a policy failure. */
const requiredFuses = {
  runAsNode: z.literal(false),
  enableCookieEncryption: z.literal(true),
  enableNodeOptionsEnvironmentVariable: z.literal(false),
  enableNodeCliInspectArguments: z.literal(false),
  enableEmbeddedAsarIntegrityValidation: z.literal(true),
  onlyLoadAppFromAsar: z.literal(true),
  grantFileProtocolExtraPrivileges: z.literal(false),
};

const policySchema = (installedElectron: string) =>
  z.object({
    appId: z.literal('kz.qabyl.workstation'),
    productName: z.literal('Qabyl'),
    asar: z.literal(true),
    electronVersion: z.literal(installedElectron, { error: `must equal the installed electron (${installedElectron})` }),
    files: z.array(z.string()).refine((files) => ['dist/electron/**', 'dist/renderer/**', 'package.json'].every((f) => files.includes(f)), 'files must ship dist/electron, dist/renderer and package.json'),
    // Shared office PCs: one installation for every Windows account, and unsent requests survive an uninstall.
    nsis: z.object({ oneClick: z.literal(false), perMachine: z.literal(true), allowToChangeInstallationDirectory: z.literal(true), deleteAppDataOnUninstall: z.literal(false) }),
    win: requireTargets(['nsis', 'portable']),
    linux: requireTargets(['AppImage', 'deb']),
    fileAssociations: z.array(z.object({ ext: z.string() })).refine((list) => list.some((a) => a.ext === 'qabyl'), 'the .qabyl package format must be associated'),
    publish: z.object({ provider: z.literal('generic'), url: z.url() }),
    electronFuses: z.object(requiredFuses),
  });

let schemaValidator: ReturnType<Ajv['compile']> | undefined;
function validateSchema(config: unknown): string[] {
  // strict: false because the schema uses annotations Ajv does not know; validation itself is unaffected.
  schemaValidator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(`${root}node_modules/app-builder-lib/scheme.json`, 'utf8')) as object);
  if (schemaValidator(config)) return [];
  return (schemaValidator.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`);
}

/** Every problem found, as one line each; empty when the configuration is fine. */
export function checkBuilderConfig(yamlText: string, installedElectron: string): string[] {
  let config: unknown;
  try {
    config = loadYaml(yamlText);
  } catch (error) {
    return [`YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const problems = validateSchema(config);
  const policy = policySchema(installedElectron).safeParse(config);
  if (!policy.success) problems.push(...policy.error.issues.map((i) => `policy: ${i.path.join('.') || '/'} ${i.message}`));
  return problems;
}

export function installedElectronVersion(): string {
  return (JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8')) as { version: string }).version;
}

export const readBuilderConfig = (): string => readFileSync(`${root}electron-builder.yml`, 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkBuilderConfig(readBuilderConfig(), installedElectronVersion());
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('electron-builder.yml: valid, policy met');
}
