/**
 * Prints the README's service table from the bundled catalog (`npx tsx scripts/catalogTable.ts`), so the
 * list users read is the list the app runs on; a test checks the README against it. With `--json`
 * (`npm run catalog:export -- --json`) it prints the catalog in force as JSON, each service with its seed,
 * channels, recipients, service form, payment rule and their paragraphs: what a reviewer of a catalog update reads.
 */
import { fileURLToPath } from 'node:url';
import { bundledCatalog } from '../shared/catalog/catalog';
import type { Duration, Service } from '../shared/catalog/catalogSchema';

const capText = (cap: Duration | null) => (cap ? `${cap.amount}${cap.maxAmount ? `–${cap.maxAmount}` : ''} ${cap.unit}` : 'not stated');
const where = (source: { paragraph: string }) => source.paragraph;

const channelsText = (service: Service) => [...new Set(service.channels.map((channel) => channel.kind))].join(', ') || '—';
const paymentText = (service: Service) => (service.payment ? `${service.payment.rule} (${where(service.payment.source)})` : '—');

export function catalogTable(): string {
  const rows = bundledCatalog.services.map((service) => {
    const kinds = service.kinds.map((kind) => `${kind.id} (${capText(kind.resultCap)})`).join(', ') || '—';
    const status = service.availability === 'available' ? '' : ' — text not available';
    return `| \`${service.id}\` | ${service.name.en}${status} | ${kinds} | ${channelsText(service)} | ${paymentText(service)} | ${service.source.seed}, ${service.source.paragraph} |`;
  });
  return [`Catalog version ${bundledCatalog.version}.`, '', '| id | service | kinds (result cap) | channels | payment rule | source |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The catalog in force as reviewers read it: the facts of issue 17 per service, each with its paragraph and quote. */
export function catalogExport() {
  return {
    version: bundledCatalog.version,
    issuedAt: bundledCatalog.issuedAt,
    services: bundledCatalog.services.map((service) => ({
      id: service.id,
      seed: service.source.seed,
      availability: service.availability,
      name: service.name,
      channels: service.channels,
      recipients: service.recipients,
      form: service.form,
      payment: service.payment,
      // No questionnaire is modelled yet (issue 17 item 5): null says so rather than leaving it out.
      questionnaire: null,
      kinds: service.kinds.map((kind) => ({ id: kind.id, resultCap: kind.resultCap, grounds: kind.grounds.map((ground) => ({ id: ground.id, resultCap: ground.resultCap ?? null })), steps: kind.steps.length })),
    })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(process.argv.includes('--json') ? JSON.stringify(catalogExport(), null, 2) : catalogTable());
