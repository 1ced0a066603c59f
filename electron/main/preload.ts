/**
 * The renderer's only door to the host: one `call` that forwards a method name and arguments.
 * No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { HostReply } from '../../shared/host/hostApi';
import { PRELOAD_GLOBAL } from '../../shared/host/preloadGlobal';
import { HOST_CALL_CHANNEL } from './ipcChannel';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, {
  call: (method: string, args: unknown): Promise<HostReply> => ipcRenderer.invoke(HOST_CALL_CHANNEL, method, args),
});
