export const HOST_CALL_CHANNEL = 'qabyl:host-call';
