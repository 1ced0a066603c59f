/**
 * electron-updater's generic feed, read only once latest.yml verifies under a key pinned in this app
 * (../host/updates/feedSignature.ts). electron-updater then takes the installer's SHA-512 from that verified
 * file and checks the download against it, so nothing the feed's server alone can change gets installed.
 */
import type { CustomPublishOptions, UpdateInfo } from 'builder-util-runtime';
import { Provider, type AppUpdater } from 'electron-updater';
import { parseUpdateInfo, resolveFiles, type ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import { fetchVerifiedFeed } from '../host/updates/updateFeed';

export interface VerifiedFeedOptions extends CustomPublishOptions {
  /** The feed folder: the administrator's, or the one built into the installer. */
  url: string;
  publicKeysPem: readonly string[];
}

export class VerifiedFeedProvider extends Provider<UpdateInfo> {
  private readonly baseUrl: URL;
  private readonly publicKeysPem: readonly string[];

  /** electron-updater hands back the options given to setFeedURL (updater.ts gives VerifiedFeedOptions). */
  constructor(options: CustomPublishOptions, _updater: AppUpdater, runtimeOptions: ProviderRuntimeOptions) {
    super(runtimeOptions);
    const { url, publicKeysPem } = options as VerifiedFeedOptions;
    this.baseUrl = new URL(url.endsWith('/') ? url : `${url}/`);
    this.publicKeysPem = publicKeysPem;
  }

  async getLatestVersion(): Promise<UpdateInfo> {
    const feedFile = `${this.getDefaultChannelName()}.yml`;
    const read = async (url: URL) => {
      try {
        const text = await this.httpRequest(url);
        return text === null ? null : Buffer.from(text, 'utf8');
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode === 404) return null;
        throw error;
      }
    };
    const feed = await fetchVerifiedFeed({ baseUrl: this.baseUrl.href, publicKeysPem: this.publicKeysPem }, feedFile, read);
    return parseUpdateInfo(Buffer.from(feed).toString('utf8'), feedFile, new URL(feedFile, this.baseUrl));
  }

  resolveFiles(updateInfo: UpdateInfo) {
    return resolveFiles(updateInfo, this.baseUrl);
  }
}
