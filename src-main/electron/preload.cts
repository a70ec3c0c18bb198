// The window's preload. It runs sandboxed, so it may require only 'electron' and nothing of ours: the channel names are
// repeated here (ipc-router.ts has the same constants, and a test checks they agree). It adds no logic of its own: the
// main process validates every message against the contract and the renderer validates every answer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const IPC_INVOKE = 'inspector:invoke';
const IPC_EVENTS = 'inspector:events';

contextBridge.exposeInMainWorld('llmInspector', {
  invoke: (command: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, { command, input }),
  onEvents: (listener: (message: string) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, message: unknown) => {
      if (typeof message === 'string') listener(message);
    };
    ipcRenderer.on(IPC_EVENTS, handler);
    ipcRenderer.send(IPC_EVENTS, 'subscribe');
    return () => {
      ipcRenderer.off(IPC_EVENTS, handler);
    };
  },
  // downloads go to the window's own origin (app://inspector/api/…), which the main process forwards with the token
  resourceBase: '',
});
