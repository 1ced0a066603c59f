/**
 * Playwright's global setup: the end-to-end tests start browser mode from its built bundle (dist/web), so it is built
 * here from the sources of this run; a bundle left from an earlier build would test code that is no longer there.
 * esbuild takes a second or two. The renderer (Vite, slower) is built by `npm run test:e2e` before Playwright starts.
 */
import { buildWeb } from '../../scripts/buildApp';

export default async function buildHostBundle(): Promise<void> {
  await buildWeb();
}
