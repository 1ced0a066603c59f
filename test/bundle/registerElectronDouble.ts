/**
 * Loaded with `node --import` before the built main bundle: `electron`, and only it, resolves to the test double
 * (ELECTRON_DOUBLE, electronDouble.ts built as CommonJS), both for the bundle's own `import … from 'electron'` and
 * for the require('electron') of CommonJS dependencies bundled into it (electron-updater).
 */
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const doubleFile = process.env['ELECTRON_DOUBLE'];
const bundleFile = process.argv[1];
if (!doubleFile || !bundleFile) throw new Error('ELECTRON_DOUBLE and the bundle to run are needed');

const hooks = `export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(pathToFileURL(doubleFile).href)}, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

// Loaded on first use, not now: the double becomes "ready" right after the code that loaded it has run, as Electron
// does after the entry script, so loading it here would make the app ready before the bundle had begun.
const requireFromBundle = createRequire(bundleFile);
const electronEntry = requireFromBundle.resolve('electron');
let double: unknown;
requireFromBundle.cache[electronEntry] = {
  id: electronEntry,
  filename: electronEntry,
  loaded: true,
  get exports() {
    return (double ??= requireFromBundle(doubleFile));
  },
} as unknown as NodeJS.Module;
