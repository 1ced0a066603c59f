import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { blindSpots, bundleShell, judgeFindings, scanBundles, scanDirectory, type Finding } from './securityScan';

const insecureMain = `import { BrowserWindow, shell } from 'electron';
export function open(url) {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });
  shell.openExternal(url);
  return win;
}
`;

let shellDir: string;
let shellMain: string;

beforeAll(async () => {
  shellDir = await mkdtemp(join(tmpdir(), 'qabyl-scan-shell-'));
  await bundleShell(shellDir);
  shellMain = await readFile(join(shellDir, 'main.js'), 'utf8');
}, 60_000);

/** The real shell bundle with one edit, in a directory of its own. */
async function editedShell(from: string, to: string): Promise<string> {
  expect(shellMain).toContain(from);
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-scan-edited-'));
  await writeFile(join(dir, 'main.js'), shellMain.replace(from, to));
  return dir;
}

const finding = (id: string, severity: Finding['severity'], file = 'main.js'): Finding => ({ id, severity, confidence: 'FIRM', file, line: 1, description: '' });

describe('security scan', () => {
  it('passes the shell as it is', async () => {
    const report = await scanBundles(shellDir);
    expect(report.lines.filter((line) => !line.startsWith('ok'))).toHaveLength(1);
    expect(report.passed).toBe(true);
  }, 60_000);

  it('fails a deliberately insecure window with HIGH findings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qabyl-scan-insecure-'));
    await writeFile(join(dir, 'main.js'), insecureMain);
    const report = await scanBundles(dir);
    expect(report.passed).toBe(false);
    const { findings } = await scanDirectory(dir);
    const high = findings.filter((f) => f.severity === 'HIGH').map((f) => `${f.id} ${f.description}`);
    expect(high).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CONTEXT_ISOLATION_JS_CHECK/),
        expect.stringMatching(/^LIMIT_NAVIGATION_GLOBAL_CHECK/),
        expect.stringMatching(/^QABYL_INSECURE_PREFERENCE nodeIntegration: true/),
        expect.stringMatching(/^QABYL_INSECURE_PREFERENCE sandbox: false/),
        expect.stringMatching(/^QABYL_INSECURE_PREFERENCE webSecurity: false/),
      ]),
    );
  }, 60_000);

  // Every weakened copy of the real bundle in one directory, scanned once: each must fail in its own file.
  const weakenings = [
    ['context-isolation-off', 'contextIsolation: true', 'contextIsolation: false', /^HIGH CONTEXT_ISOLATION_JS_CHECK/],
    // Electronegativity itself says nothing here while sandbox is on: our own check does.
    ['node-in-renderer', 'nodeIntegration: false', 'nodeIntegration: true', /^HIGH QABYL_INSECURE_PREFERENCE nodeIntegration: true/],
    ['no-sandbox', 'sandbox: true', 'sandbox: false', /^MEDIUM SANDBOX_JS_CHECK/],
    ['web-security-off', 'webSecurity: true', 'webSecurity: false', /^MEDIUM WEB_SECURITY_JS_CHECK/],
    ['insecure-content', 'allowRunningInsecureContent: false', 'allowRunningInsecureContent: true', /^MEDIUM INSECURE_CONTENT_JS_CHECK/],
  ] as const;

  it('sees our real window options: each weakened copy of the shell fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qabyl-scan-weakened-'));
    for (const [name, from, to] of weakenings) {
      expect(shellMain).toContain(from);
      await writeFile(join(dir, `${name}.js`), shellMain.replace(from, to));
    }
    const { blocking } = judgeFindings((await scanDirectory(dir)).findings);
    for (const [name, , , expected] of weakenings) {
      expect(blocking.filter((f) => f.file === `${name}.js`).map((f) => `${f.severity} ${f.id} ${f.description}`), name).toContainEqual(expect.stringMatching(expected));
    }
  }, 60_000);

  it('fails when the window options are out of the scanner’s sight', async () => {
    expect(blindSpots(shellMain)).toEqual([]);
    expect(blindSpots(shellMain.replace('new BrowserWindow({', 'new import_electron.BrowserWindow({'))).toEqual([expect.stringContaining('no `new BrowserWindow({...})`')]);
    const report = await scanBundles(await editedShell('new BrowserWindow({', 'new BrowserWindow(Object.assign({}, {'));
    expect(report.passed).toBe(false);
    expect(report.lines[0]).toMatch(/^BLIND/);
  }, 60_000);

  it.each(['lockDownContents', 'denyAllPermissions', 'hostCallHandler', 'createMainWindow', 'serveAppScheme'])('fails when main no longer calls %s', (name) => {
    const unwired = shellMain.replace(new RegExp(`(?<!function )\\b${name}\\(`, 'g'), 'void (');
    expect(blindSpots(unwired)).toEqual([expect.stringContaining(`${name} is never called`)]);
  });

  it('suppresses only listed checks, only in their file, and never a HIGH finding', () => {
    const suppressions = [
      { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'main.js', reason: 'allow-listed' },
      { id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main.js', reason: 'an attempt to hide a real problem' },
    ];
    const { blocking, suppressed } = judgeFindings(
      [finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM'), finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'preload.js'), finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), finding('DANGEROUS_FUNCTIONS_JS_CHECK', 'LOW')],
      suppressions,
    );
    expect(suppressed.map((f) => [f.id, f.file, f.reason])).toEqual([['OPEN_EXTERNAL_JS_CHECK', 'main.js', 'allow-listed']]);
    expect(blocking.map((f) => [f.id, f.file])).toEqual([
      ['OPEN_EXTERNAL_JS_CHECK', 'preload.js'],
      ['CONTEXT_ISOLATION_JS_CHECK', 'main.js'],
      ['DANGEROUS_FUNCTIONS_JS_CHECK', 'main.js'],
    ]);
  });
});
