/**
 * A catalog update as it travels from the issuing office to workstations: the catalog's JSON text exactly as
 * signed, an RSA-SHA256 signature over its UTF-8 bytes, and the signer's certificate chain (leaf first).
 * Keeping the signed text verbatim avoids any canonicalisation question.
 */
import { z } from 'zod';

export const CATALOG_PACKAGE_FORMAT = 'qabyl-catalog/1';

export const catalogPackageSchema = z.object({
  format: z.literal(CATALOG_PACKAGE_FORMAT),
  payload: z.string().min(2),
  signatureBase64: z.string().min(1),
  certificatesPem: z.array(z.string().min(1)).min(1),
});
export type CatalogPackage = z.infer<typeof catalogPackageSchema>;

/** Versions are YYYY.M.N; compared numerically part by part. */
export function compareCatalogVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const difference = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
