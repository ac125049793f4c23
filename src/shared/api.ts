import { z } from 'zod'
import type { ErrorPayload } from './errors'
import { DiscoverInputSchema, DiscoveryResultSchema } from './schemas/discovery'

/**
 * THE API contract: every method the renderer can call, with the zod schemas of its
 * input and output. The Electron IPC transport (main + preload) and the browser-mode
 * HTTP transport (src/web) are both generated from this table and from the one handler
 * table in core/handlers.ts; nothing here is written twice.
 *
 * Names are `domain:verb`. Outputs are parsed with their schema before they leave the
 * core, so a field not listed here (a secret, say) can never cross to the renderer.
 */
export const api = {
  'app:info': {
    input: z.object({}),
    output: z.object({
      mode: z.enum(['electron', 'web']),
      version: z.string(),
      /** Where secrets go in this mode, said to the admin as is. */
      secretStorage: z.object({
        kind: z.enum(['os-keychain', 'weak-keychain', 'memory']),
        description: z.string()
      })
    })
  },
  'discovery:run': { input: DiscoverInputSchema, output: DiscoveryResultSchema }
} as const

export type Api = typeof api
export type Method = keyof Api
export const METHODS = Object.keys(api) as Method[]
export type Input<M extends Method> = z.input<Api[M]['input']>
export type ParsedInput<M extends Method> = z.output<Api[M]['input']>
export type Output<M extends Method> = z.output<Api[M]['output']>

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload }

/** Per-call context the transports give a handler. */
export interface CallContext {
  /** Aborted when the caller cancels (or disconnects). */
  signal: AbortSignal
}

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>>
export type HandlerTable = { [M in Method]: Handler<M> }

/** What a transport offers the renderer; both transports implement exactly this. */
export interface Transport {
  call<M extends Method>(method: M, input: Input<M>, callId?: string): Promise<Result<Output<M>>>
  cancel(callId: string): Promise<void>
}

export { IPC_CALL, IPC_CANCEL, HTTP_RPC_PREFIX, HTTP_CANCEL_PREFIX, HTTP_TOKEN_HEADER, HTTP_CALL_ID_HEADER } from './transport'
