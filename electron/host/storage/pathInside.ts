import { join, normalize, sep } from 'node:path';

/**
 * Resolves a URL path to a file inside root, or null when it would leave root (../, encoded or not).
 * Both ways of serving the renderer (app:// in Electron, the loopback bridge) go through this one guard.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(root, relative || 'index.html');
  return file.startsWith(root + sep) ? file : null;
}
