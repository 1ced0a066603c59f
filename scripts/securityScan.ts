/**
 * Static security scan of the Electron shell (`npm run security`, part of `npm test`): electronegativity over the
 * main and preload code. It scans esbuild bundles of our own code (dependencies left out: they never get a window
 * or webPreferences) as ES modules with a .js name, because electronegativity silently skips .cjs files and its
 * checks only recognise `new BrowserWindow(...)` when the callee is a plain name, not CommonJS's
 * `new import_electron.BrowserWindow(...)`. Electronegativity ignores nodeIntegration whenever sandbox is set, so
 * our own check (insecurePreferences) adds that and the other webPreferences that must never be weakened. Any
 * finding fails the scan unless it is suppressed below with its reason; a HIGH finding can never be suppressed.
 */
import { build } from 'esbuild';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_ENTRY_POINTS } from './buildApp';
import { installedElectronVersion } from './checkBuilderConfig';

const root = fileURLToPath(new URL('..', import.meta.url));

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  description: string;
}

export interface Suppression {
  id: string;
  /** The scanned file it is expected in (main.js, preload.js, index.html, package.json, N/A for global checks). */
  file: string;
  reason: string;
}

/** Known false positives for our setup; each is proved wrong by a test named in its reason. */
export const SUPPRESSIONS: Suppression[] = [
  {
    id: 'ELECTRON_VERSION_JSON_CHECK',
    file: 'package.json',
    reason: 'informational: the Electron version it read; the version is pinned and kept equal to the installed one by checkBuilderConfig.test.ts',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason: 'the CSP is a response header set by the app:// handler (appRequestHandler.ts), not a <meta> tag or literal the scanner can read; appRequestHandler.test.ts checks the served header',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.js',
    reason: 'shell.openExternal is reached only through isAllowedExternalUrl (externalLinks.ts); externalLinks.test.ts and securityPolicy.test.ts prove anything else is refused',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main.js',
    reason: 'review note on any preload: ours exposes a single call(method, args) and the main process validates both (securityPolicy.test.ts)',
  },
  {
    id: 'PROTOCOL_HANDLER_JS_CHECK',
    file: 'main.js',
    reason: 'app:// is our own scheme serving only the renderer build through the path guard (appRequestHandler.test.ts)',
  },
];

/** Global checks left out: the one that downloads Electron's release list needs the network; the version is pinned by checkBuilderConfig. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface ElectronegativityIssue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: Severity };
  confidence: { name: string };
  description: string;
}

interface ElectronegativityResult {
  issues: ElectronegativityIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

const requireScanner = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'));

/**
 * The scan never touches the network: electronegativity uses `got` only to download translations of its messages
 * and Electron's release list, and would wait seconds for each offline. Its `got` is replaced, before it loads,
 * by one that refuses at once; the messages then stay in English.
 */
function keepScannerOffline(): void {
  const refuse = () => Promise.reject(new Error('the security scan runs offline'));
  const offlineGot = Object.assign(refuse, { default: Object.assign(refuse, { head: refuse }), __esModule: true });
  const gotPath = requireScanner.resolve('got');
  requireScanner.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offlineGot } as unknown as NodeJS.Module;
}

keepScannerOffline();
// electronegativity ships no types; this is the one function used.
const electronegativity = requireScanner('@doyensec/electronegativity') as (options: {
  input: string;
  electronVersionOverride?: string;
  excludeFromScan?: string[];
  isRelative?: boolean;
}) => Promise<ElectronegativityResult>;

/** Bundles main and preload (our code only) into dir as main.js and preload.js, with the files the scanner reads beside them. */
export async function bundleShell(dir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ELECTRON_ENTRY_POINTS,
    outdir: dir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  await copyFile(join(root, 'package.json'), join(dir, 'package.json'));
  await copyFile(join(root, 'renderer', 'index.html'), join(dir, 'index.html'));
}

/** The tested policy functions of electron/main, each of which main.ts must call (a definition alone is not enough). */
const POLICY_CALLS = ['createMainWindow', 'lockDownContents', 'denyAllPermissions', 'hostCallHandler', 'serveAppScheme'];

/**
 * A refactor could hide the window options from the scanner (e.g. `new electron.BrowserWindow(options)`), and the
 * scan would pass while checking nothing; or main.ts could stop calling a policy its unit tests prove. Insist on both.
 */
export function blindSpots(mainBundle: string): string[] {
  const problems = /new BrowserWindow\(\{/.test(mainBundle) ? [] : ['main.js: no `new BrowserWindow({...})` with literal options, so the webPreferences checks would see nothing'];
  for (const name of POLICY_CALLS) {
    const calls = [...mainBundle.matchAll(new RegExp(`(?<!function )\\b${name}\\(`, 'g'))].length;
    if (calls === 0) problems.push(`main.js: ${name} is never called, so the policy it carries is not in force`);
  }
  return problems;
}

/** Settings that undo the renderer's isolation, wherever they are written (only the literal form is caught). */
const INSECURE_PREFERENCE =
  /\b(?:(?:nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|webviewTag|allowRunningInsecureContent|experimentalFeatures|enableRemoteModule)\s*:\s*true|(?:sandbox|contextIsolation|webSecurity)\s*:\s*false)\b/g;

export function insecurePreferences(file: string, text: string): Finding[] {
  return [...text.matchAll(INSECURE_PREFERENCE)].map((match) => ({
    id: 'QABYL_INSECURE_PREFERENCE',
    severity: 'HIGH',
    confidence: 'CERTAIN',
    file,
    line: text.slice(0, match.index).split('\n').length,
    description: `${match[0]} weakens the renderer's isolation`,
  }));
}

export async function scanDirectory(dir: string): Promise<{ findings: Finding[]; parseErrors: string[] }> {
  const result = await electronegativity({ input: dir, electronVersionOverride: installedElectronVersion(), excludeFromScan: EXCLUDED_CHECKS, isRelative: true });
  const scripts = (await readdir(dir)).filter((name) => name.endsWith('.js'));
  const ours = (await Promise.all(scripts.map(async (name) => insecurePreferences(name, await readFile(join(dir, name), 'utf8'))))).flat();
  return {
    findings: [
      ...result.issues.map((issue) => ({
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: issue.file,
        line: issue.location.line,
        description: issue.description,
      })),
      ...ours,
    ],
    parseErrors: result.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`),
  };
}

export function judgeFindings(findings: Finding[], suppressions: Suppression[] = SUPPRESSIONS) {
  const reasonFor = (finding: Finding) =>
    finding.severity === 'HIGH' ? undefined : suppressions.find((s) => s.id === finding.id && s.file === finding.file)?.reason;
  return {
    blocking: findings.filter((finding) => reasonFor(finding) === undefined),
    suppressed: findings.flatMap((finding) => {
      const reason = reasonFor(finding);
      return reason === undefined ? [] : [{ ...finding, reason }];
    }),
  };
}

export interface ScanReport {
  passed: boolean;
  lines: string[];
}

/** Scans an already bundled directory and says whether it passes, with one printable line per fact. */
export async function scanBundles(dir: string): Promise<ScanReport> {
  const blind = blindSpots(await readFile(join(dir, 'main.js'), 'utf8'));
  const { findings, parseErrors } = await scanDirectory(dir);
  const { blocking, suppressed } = judgeFindings(findings);
  const lines = [
    ...blind.map((problem) => `BLIND   ${problem}`),
    ...parseErrors.map((error) => `UNREAD  ${error}`),
    ...blocking.map((f) => `FAIL    ${f.severity} ${f.id} ${f.file}:${f.line} ${f.description}`),
    ...suppressed.map((f) => `ok      ${f.severity} ${f.id} ${f.file}:${f.line} suppressed: ${f.reason}`),
  ];
  const passed = blind.length === 0 && parseErrors.length === 0 && blocking.length === 0;
  lines.push(`electronegativity: ${findings.length} finding(s), ${blocking.length} blocking (${blocking.filter((f) => f.severity === 'HIGH').length} high), ${suppressed.length} suppressed as false positives${passed ? '' : ' — FAILED'}`);
  return { passed, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-security-'));
  try {
    await bundleShell(dir);
    const report = await scanBundles(dir);
    for (const line of report.lines) console.log(line);
    process.exitCode = report.passed ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
