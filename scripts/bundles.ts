/** Where scripts/buildApp.ts puts the built shells, relative to the repository root; package.json's `main` is the first. */
export const BUNDLES = { main: 'dist/electron/main.mjs', preload: 'dist/electron/preload.cjs', web: 'dist/web/startWeb.mjs' } as const;
