/**
 * Builds what the shells load: the renderer (Vite) into dist/renderer, and for Electron the main process
 * and preload bundles (esbuild) into dist/electron.
 */
import { build as viteBuild } from 'vite';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}

/** The Electron shell's two bundles; scripts/securityScan.ts scans the same entry points. */
export const ELECTRON_ENTRY_POINTS = { main: 'electron/main/main.ts', preload: 'electron/main/preload.ts' };

export async function buildElectron(): Promise<void> {
  // sharp loads its native addon and libvips at run time: it ships beside the bundle (asarUnpack), not inside it.
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron', 'sharp'], absWorkingDir: root };
  await esbuild({ ...common, entryPoints: [ELECTRON_ENTRY_POINTS.main], outfile: 'dist/electron/main.cjs' });
  await esbuild({ ...common, entryPoints: [ELECTRON_ENTRY_POINTS.preload], outfile: 'dist/electron/preload.cjs' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ?? 'all';
  if (target === 'renderer' || target === 'all') await buildRenderer();
  if (target === 'electron' || target === 'all') await buildElectron();
}
