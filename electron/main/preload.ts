/**
 * The renderer's only door to the host: one `call` that forwards a method name and arguments.
 * No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL, type HostReply } from '../../shared/host/hostApi';
import { HOST_CALL_CHANNEL } from './ipcChannel';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, {
  call: (method: string, args: unknown): Promise<HostReply> => ipcRenderer.invoke(HOST_CALL_CHANNEL, method, args),
});
