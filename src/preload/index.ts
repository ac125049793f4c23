import { contextBridge, ipcRenderer } from 'electron'
// Types only: the contract's zod schemas stay out of the preload (it is a two-function bridge).
import type { Transport } from '../shared/api'
import { IPC_CALL, IPC_CANCEL } from '../shared/transport'

/**
 * The renderer's only door to the main process: the contract's transport, nothing else
 * (no generic ipcRenderer, no Node). The main process checks the method and its input.
 */
const transport: Transport = {
  call: (method, input, callId) => ipcRenderer.invoke(IPC_CALL, { method, input, callId }),
  cancel: (callId) => ipcRenderer.invoke(IPC_CANCEL, callId)
}

contextBridge.exposeInMainWorld('calagopus', transport)
