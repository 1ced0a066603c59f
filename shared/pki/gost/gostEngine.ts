/**
 * crypto-gost-js's engine. The package is a UMD bundle: bundlers (Vite, esbuild, Vitest) expose GostEngine as a named
 * export, plain Node ESM (tsx scripts) only under `default`; this reads it either way.
 */
import * as cryptoGostJs from '@wavesenterprise/crypto-gost-js';

export const GostEngine =
  cryptoGostJs.GostEngine ?? (cryptoGostJs as unknown as { default: { GostEngine: typeof cryptoGostJs.GostEngine } }).default.GostEngine;
