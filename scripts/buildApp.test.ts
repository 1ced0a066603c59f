import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildElectron } from './buildApp';

// The Electron binary cannot run here, so the shell's bundles are at least built and inspected on every test run.
describe('Electron bundles', () => {
  it('bundle main with the host inside and a preload that carries nothing but the bridge', async () => {
    await buildElectron();
    const main = await readFile(new URL('../dist/electron/main.cjs', import.meta.url), 'utf8');
    const preload = await readFile(new URL('../dist/electron/preload.cjs', import.meta.url), 'utf8');
    expect(main).toContain('qabyl:host-call');
    expect(main).toContain('require("electron")');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload.length).toBeLessThan(4096);
  }, 60_000);
});
