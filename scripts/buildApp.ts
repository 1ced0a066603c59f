/**
 * Builds what the shells load: the renderer (Vite) into dist/renderer; for Electron the main process and preload
 * bundles (esbuild) into dist/electron; for browser mode the host behind the loopback bridge into dist/web.
 */
import { rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build as viteBuild } from 'vite';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { BUNDLES } from './bundles';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}

/** The Electron shell's two bundles; scripts/securityScan.ts scans the same entry points. */
export const ELECTRON_ENTRY_POINTS = { main: 'electron/main/main.ts', preload: 'electron/main/preload.ts' };
export const WEB_ENTRY_POINT = 'electron/web/startWeb.ts';


// sharp loads its native addon and libvips at run time: it ships beside the bundle (asarUnpack), not inside it.
const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, external: ['electron', 'sharp'], absWorkingDir: root, logLevel: 'warning' };

/**
 * The host runs as ES modules, as it does from sources under tsx and vitest, so `import.meta.url` keeps its meaning
 * (a CommonJS bundle turns `import.meta` into `{}`, and createRequire(import.meta.url) finding the PDF fonts threw).
 * The CommonJS dependencies bundled into it still call require() for Node's built-ins and for sharp; an ES module has
 * none, so the banner gives them one that resolves from the bundle's own place, as their own require would.
 */
const esmHost: BuildOptions = {
  ...common,
  format: 'esm',
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" },
};

/**
 * Writes esbuild's output by rename, so a process started meanwhile (another end-to-end run in the same tree) reads
 * the old bundle or the new one, never half of one.
 */
async function bundle(options: BuildOptions & { outfile: string }): Promise<void> {
  const result = await esbuild({ ...options, write: false });
  for (const file of result.outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}

export async function buildElectron(): Promise<void> {
  await bundle({ ...esmHost, entryPoints: [ELECTRON_ENTRY_POINTS.main], outfile: BUNDLES.main });
  // Electron loads a sandboxed renderer's preload only as CommonJS.
  await bundle({ ...common, format: 'cjs', entryPoints: [ELECTRON_ENTRY_POINTS.preload], outfile: BUNDLES.preload });
}

/** Browser mode from the same kind of bundle as the Electron shell, so `npm start` and the end-to-end tests run what was built. */
export async function buildWeb(): Promise<void> {
  await bundle({ ...esmHost, entryPoints: [WEB_ENTRY_POINT], outfile: BUNDLES.web });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ?? 'all';
  if (!['renderer', 'electron', 'web', 'all'].includes(target)) throw new Error(`unknown build target ${target}: renderer, electron, web or all`);
  if (target === 'renderer' || target === 'all') await buildRenderer();
  if (target === 'electron' || target === 'all') await buildElectron();
  if (target === 'web' || target === 'all') await buildWeb();
}
