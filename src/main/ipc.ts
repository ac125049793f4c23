import { IPC_CALL, IPC_CANCEL } from '../shared/transport'
import type { Result } from '../shared/api'

/** The frame an IPC message came from, as Electron describes it (WebFrameMain). */
export interface SenderFrameLike {
  url: string
  /** null for a top-level frame. */
  parent: unknown
}

/** The part of an IpcMainInvokeEvent the checks read. */
export interface IpcEventLike {
  /** null once the frame navigated away or was destroyed. */
  senderFrame: SenderFrameLike | null
}

/** The part of Electron's ipcMain the shell uses, injectable so it runs under test. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void
}

/** What IPC needs of the dispatcher. */
export interface DispatcherLike {
  call(method: string, input: unknown, callId?: string): Promise<Result<unknown>>
  cancel(callId: string): boolean
}

export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'rpc.forbidden', message: 'Refused: the call did not come from the assistant’s window.' }
}

/**
 * Registers the contract on IPC. A call is taken only from the app's own page in a
 * top-level frame: a subframe, a frame that navigated elsewhere, or any other page
 * (another file, a look-alike dev-server host) gets `rpc.forbidden`, and the dispatcher
 * never sees it. `isAppUrl` decides what "the app's own page" is (exact origin).
 */
export function registerIpc(ipc: IpcMainLike, dispatcher: DispatcherLike, isAppUrl: (url: string) => boolean): void {
  const fromApp = (event: IpcEventLike): boolean => {
    const frame = event?.senderFrame
    return !!frame && frame.parent === null && typeof frame.url === 'string' && isAppUrl(frame.url)
  }
  ipc.handle(IPC_CALL, async (event, envelope) => {
    if (!fromApp(event)) return FORBIDDEN
    const e = (envelope ?? {}) as { method?: unknown; input?: unknown; callId?: unknown }
    const method = typeof e.method === 'string' ? e.method : ''
    const callId = typeof e.callId === 'string' ? e.callId : undefined
    return dispatcher.call(method, e.input, callId)
  })
  ipc.handle(IPC_CANCEL, async (event, callId) => {
    if (fromApp(event) && typeof callId === 'string') dispatcher.cancel(callId)
  })
}
