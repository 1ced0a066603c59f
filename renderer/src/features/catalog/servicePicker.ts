import type { CatalogData, Service } from '../../../../shared/catalog/catalogSchema';

/** Case- and spacing-insensitive match on the kk and ru names (operators search in either language). */
const fold = (text: string) => text.toLocaleLowerCase('kk').replace(/\s+/g, ' ').trim();

export function matchServices(catalog: CatalogData, query: string, recentIds: readonly string[]): { recent: Service[]; others: Service[] } {
  const words = fold(query).split(' ').filter(Boolean);
  const matches = catalog.services.filter((service) => {
    const haystack = fold(`${service.name.kk} ${service.name.ru} ${service.name.en} ${service.id}`);
    return words.every((word) => haystack.includes(word));
  });
  const recent = recentIds.flatMap((id) => matches.filter((service) => service.id === id));
  return { recent, others: matches.filter((service) => !recentIds.includes(service.id)) };
}
