import { ScanError, type RawPage } from '../scanTypes';

/** Every page a scan yields, and the ScanError it ended with, if any (anything else is a test failure). */
export async function collectScan(pages: AsyncIterable<RawPage>, onPage?: (page: RawPage) => void): Promise<{ pages: RawPage[]; error?: ScanError }> {
  const got: RawPage[] = [];
  try {
    for await (const page of pages) {
      got.push(page);
      onPage?.(page);
    }
    return { pages: got };
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { pages: got, error };
  }
}
