/**
 * `npm run bench -- NAME` runs bench/NAME.bench.ts. Every benchmark ends by printing
 * `RESULT NAME ratio=<number> key=value … (what the ratio compares)`, timing ours against a reference in the same run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- <name>   (runs bench/<name>.bench.ts)');
  process.exit(2);
}
const file = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
if (!existsSync(file)) {
  console.error(`no benchmark bench/${name}.bench.ts`);
  process.exit(2);
}
const bench = (await import(pathToFileURL(file).href)) as { run(): Promise<string> | string };
console.log(await bench.run());
