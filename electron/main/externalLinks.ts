/**
 * The only addresses the shell hands to the operating system's browser (shell.openExternal): the state portals'
 * help pages over https, and the configured gateway's public status pages (the ones the receipt's QR code
 * points to). Anything else could start a local program through a custom scheme or leak data to a stranger.
 */
import { statusUrl } from '../../shared/papers/receiptContent';

const HELP_DOMAINS = ['egov.kz', 'elicense.kz'];

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

const withinDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export function isAllowedExternalUrl(url: string, gatewayUrl: string | undefined): boolean {
  const target = parse(url);
  if (!target || target.username || target.password) return false;
  if (target.protocol === 'https:' && target.port === '' && HELP_DOMAINS.some((domain) => withinDomain(target.hostname, domain))) return true;
  // URL parsing has already resolved dot segments (also %2e%2e), so a prefix match cannot be walked out of.
  const statusPages = gatewayUrl ? parse(statusUrl(gatewayUrl, '')) : null;
  return statusPages !== null && (statusPages.protocol === 'https:' || statusPages.protocol === 'http:') && target.origin === statusPages.origin && target.href.startsWith(statusPages.href);
}
