/**
 * `npm start`: the Electron app when its binary is installed, otherwise (as on build servers and this
 * repository's CI) the same app in browser mode. `npm run start:web` asks for browser mode directly.
 * Arguments after `--` go to browser mode (see electron/web/startWeb.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer, buildWeb } from './buildApp';
import { BUNDLES } from './bundles';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron binary, if `npm run electron:fetch` put one into node_modules/electron: path.txt names the executable
 * under dist/. Never require('electron') to ask: since Electron 42 that require downloads a missing binary, which on
 * a machine that cannot reach the download stalls `npm start` instead of falling back to browser mode.
 */
function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const args = process.argv.slice(2);
const webRequested = args[0] === '--web';
const passThrough = webRequested ? args.slice(1) : args;
const binary = webRequested ? null : electronBinary();

await buildRenderer();
if (binary) {
  await buildElectron();
  process.exitCode = await run(binary, ['.']);
} else {
  if (!webRequested) console.log('Electron binary not found (node_modules/electron has none); starting browser mode instead.');
  // The same built bundle the end-to-end tests start, not the sources.
  await buildWeb();
  process.exitCode = await run(process.execPath, [BUNDLES.web, ...passThrough]);
}
