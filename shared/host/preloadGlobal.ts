/** Name of the global the Electron preload exposes; its own module so the preload bundle stays tiny. */
export const PRELOAD_GLOBAL = 'qabylHost';
