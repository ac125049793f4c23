import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { IPC_CALL, IPC_CANCEL } from '../shared/api'
import type { Dispatcher } from '../core/rpc/dispatcher'

/**
 * Registers the contract on IPC. Calls are accepted only from our own top-level frame
 * (VS Code's ipcMain validation idea): a frame that navigated elsewhere, or a subframe,
 * gets nothing.
 */
export function registerIpc(dispatcher: Dispatcher, isOurFrame: (url: string) => boolean): void {
  const check = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    return !!frame && frame.parent === null && isOurFrame(frame.url)
  }
  ipcMain.handle(IPC_CALL, async (event, envelope: { method?: unknown; input?: unknown; callId?: unknown }) => {
    if (!check(event))
      return { ok: false, error: { code: 'rpc.forbidden', message: 'Refused: the call did not come from the assistant’s window.' } }
    const method = typeof envelope?.method === 'string' ? envelope.method : ''
    const callId = typeof envelope?.callId === 'string' ? envelope.callId : undefined
    return dispatcher.call(method, envelope?.input, callId)
  })
  ipcMain.handle(IPC_CANCEL, async (event, callId: unknown) => {
    if (check(event) && typeof callId === 'string') dispatcher.cancel(callId)
  })
}
