/**
 * Prints the README's service table from the bundled catalog (`npx tsx scripts/catalogTable.ts`), so the
 * list users read is the list the app runs on; a test checks the README against it.
 */
import { fileURLToPath } from 'node:url';
import { bundledCatalog } from '../shared/catalog/catalog';
import type { Duration } from '../shared/catalog/catalogSchema';

const capText = (cap: Duration | null) => (cap ? `${cap.amount}${cap.maxAmount ? `–${cap.maxAmount}` : ''} ${cap.unit}` : 'not stated');

export function catalogTable(): string {
  const rows = bundledCatalog.services.map((service) => {
    const kinds = service.kinds.map((kind) => `${kind.id} (${capText(kind.resultCap)})`).join(', ') || '—';
    const status = service.availability === 'available' ? '' : ' — text not available';
    return `| \`${service.id}\` | ${service.name.en}${status} | ${kinds} | ${service.source.seed}, ${service.source.paragraph} |`;
  });
  return [`Catalog version ${bundledCatalog.version}.`, '', '| id | service | kinds (result cap) | source |', '|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(catalogTable());
