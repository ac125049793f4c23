import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CALL, IPC_CANCEL, METHODS, type Transport } from '../shared/api'

/**
 * The renderer's only door to the main process: the contract's transport, nothing else
 * (no generic ipcRenderer, no Node). `methods` has one function per contract method,
 * generated from the same list the main process registers, so nothing can drift.
 */
const transport: Transport = {
  call: (method, input, callId) => ipcRenderer.invoke(IPC_CALL, { method, input, callId }),
  cancel: (callId) => ipcRenderer.invoke(IPC_CANCEL, callId)
}

const methods = Object.fromEntries(
  METHODS.map((m) => [m, (input: unknown, callId?: string) => ipcRenderer.invoke(IPC_CALL, { method: m, input, callId })])
)

contextBridge.exposeInMainWorld('calagopus', { ...transport, methods })
