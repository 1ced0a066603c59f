/**
 * The catalog bundled with this build: every service regulated in the five seeds, validated against the
 * schema when loaded. Updates arrive as signed packages (see catalogPackage.ts) and never replace this
 * in place: requests keep the version they were taken under.
 */
import { catalogSchema, type CatalogData, type RequestKind, type Service } from './catalogSchema';
import { seed000Services } from './services/seed000';
import { seed001Services } from './services/seed001';
import { seed002Services } from './services/seed002';
import { seed003Services } from './services/seed003';
import { seed004Services } from './services/seed004';

export const bundledCatalog: CatalogData = catalogSchema.parse({
  version: '2026.11.1',
  issuedAt: '2026-11-22',
  services: [...seed000Services, ...seed001Services, ...seed002Services, ...seed003Services, ...seed004Services],
});

export function findService(catalog: CatalogData, serviceId: string): Service | undefined {
  return catalog.services.find((service) => service.id === serviceId);
}

export function findKind(catalog: CatalogData, serviceId: string, kindId: string): RequestKind | undefined {
  return findService(catalog, serviceId)?.kinds.find((kind) => kind.id === kindId);
}
