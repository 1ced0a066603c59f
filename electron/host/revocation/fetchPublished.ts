/** Downloading what a CA publishes (a CRL by its distribution point): plain http(s) GET, bounded in time and size. */
const TIMEOUT_MS = 15_000;
/** NCA's CRLs are a few hundred kilobytes; a CA answering with more is not answering with a CRL. */
const MAX_BYTES = 32 * 1024 * 1024;

export async function fetchPublished(url: string): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(url)) throw new Error(`not an http(s) address: ${url}`);
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) throw new Error(`more than ${MAX_BYTES} bytes from ${url}`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_BYTES) throw new Error(`more than ${MAX_BYTES} bytes from ${url}`);
  return body;
}
