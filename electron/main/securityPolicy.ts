/**
 * What the shell lets its web contents do, kept free of a runtime 'electron' import so it is tested without the
 * binary: navigation stays on app://, frames load only our page or the signing prompt, new windows never open
 * (an allow-listed link goes to the system browser instead), webviews never attach, every permission is refused,
 * and host calls are answered only for our page's main frame.
 */
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { HostHandlers, HostReply } from '../../shared/host/hostApi';
import { dispatchHostCall } from '../host/dispatchHostCall';
import { isAllowedFrameUrl, isAppUrl, isTrustedSender } from './appUrl';
import { isAllowedExternalUrl } from './externalLinks';

export interface ContentsPolicy {
  promptOrigin: string;
  /** Read at each click: the administrator may change the gateway while the app runs. */
  gatewayUrl: () => string | undefined;
  openExternal: (url: string) => Promise<void>;
}

export function lockDownContents(contents: WebContents, policy: ContentsPolicy): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameUrl(event.url, policy.promptOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, policy.gatewayUrl())) void policy.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The IPC handler of the host-call channel; `mainFrame` is read per call, since the window may be re-created. */
export function hostCallHandler(handlers: HostHandlers, mainFrame: () => unknown) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, args: unknown): Promise<HostReply> => {
    if (!isTrustedSender(event.senderFrame, mainFrame())) return { ok: false, error: { code: 'bridge.unauthorized' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'bridge.badRequest' } };
    return dispatchHostCall(handlers, method, args);
  };
}
