import type { Input, Method, Output, Result, Transport } from '../../../shared/api'
import { HTTP_CALL_ID_HEADER, HTTP_CANCEL_PREFIX, HTTP_RPC_PREFIX } from '../../../shared/transport'
import { AppError } from '../../../shared/errors'

/**
 * Browser mode: the same contract over HTTP to the loopback server that served this
 * page. The server's session cookie (set when the launch URL's token was presented)
 * authenticates us; Origin/Host checks on the server stop other sites.
 */
function httpTransport(): Transport {
  return {
    async call<M extends Method>(method: M, input: Input<M>, callId?: string): Promise<Result<Output<M>>> {
      let res: Response
      try {
        res = await fetch(`${HTTP_RPC_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(callId ? { [HTTP_CALL_ID_HEADER]: callId } : {}) },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin'
        })
      } catch (err) {
        return {
          ok: false,
          error: {
            code: 'rpc.unreachable',
            message: 'The assistant’s local server is not answering. Is `npm run web` still running?',
            hint: String(err)
          }
        }
      }
      if (res.status === 401 || res.status === 403) {
        return {
          ok: false,
          error: {
            code: 'rpc.unauthorized',
            message: 'This page is not connected to the assistant’s server any more.',
            hint: 'Open the address that `npm run web` printed (it carries a new token each launch).'
          }
        }
      }
      return (await res.json()) as Result<Output<M>>
    },
    async cancel(callId: string): Promise<void> {
      await fetch(`${HTTP_CANCEL_PREFIX}${encodeURIComponent(callId)}`, { method: 'POST', credentials: 'same-origin' }).catch(() => {})
    }
  }
}

const transport: Transport = window.calagopus ?? httpTransport()

let seq = 0
/** A fresh id for a cancellable call. */
export function newCallId(): string {
  seq += 1
  return `${Date.now().toString(36)}-${seq}`
}

/** Calls a contract method; resolves with its data or throws the AppError it returned. */
export async function call<M extends Method>(method: M, input: Input<M>, callId?: string): Promise<Output<M>> {
  const r = await transport.call(method, input, callId)
  if (r.ok) return r.data
  throw AppError.fromPayload(r.error)
}

export function cancel(callId: string): Promise<void> {
  return transport.cancel(callId)
}

/** Any thrown value as an AppError for display. */
export function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  return new AppError('internal', err instanceof Error ? err.message : String(err))
}
