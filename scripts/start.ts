/**
 * `npm start`: the Electron app when its binary is installed, otherwise (as on build servers and this
 * repository's CI) the same app in browser mode. `npm run start:web` asks for browser mode directly.
 * Arguments after `--` go to browser mode (see electron/web/startWeb.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer, buildWeb } from './buildApp';
import { BUNDLES } from './bundles';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
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
