import { z } from 'zod'
import { api, type HandlerTable, type Method, type Result } from '../../shared/api'
import { AppError, toErrorPayload } from '../../shared/errors'
import { secretsInUse } from '../redaction/redact'

/**
 * The one funnel every transport calls: looks the method up, validates the input with
 * the contract's schema, runs the handler with a cancellable signal, and parses the
 * output with the contract's schema (which strips whatever the contract doesn't list).
 * Errors never escape as exceptions: a rejected IPC invoke would lose their fields.
 */
export class Dispatcher {
  private readonly inflight = new Map<string, AbortController>()

  constructor(private readonly handlers: HandlerTable) {}

  async call(method: string, rawInput: unknown, callId?: string): Promise<Result<unknown>> {
    if (!Object.hasOwn(api, method)) {
      return { ok: false, error: { code: 'rpc.unknown-method', message: `Unknown method ${JSON.stringify(method)}.` } }
    }
    const m = method as Method
    const spec = api[m]
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      return { ok: false, error: inputError(parsed.error).toPayload() }
    }
    const controller = new AbortController()
    if (callId) {
      this.inflight.get(callId)?.abort()
      this.inflight.set(callId, controller)
    }
    try {
      const handler = this.handlers[m] as (input: unknown, ctx: { signal: AbortSignal }) => Promise<unknown>
      const out = await handler(parsed.data, { signal: controller.signal })
      const checked = spec.output.safeParse(out)
      if (!checked.success) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `The ${m} handler returned data that does not match the contract: ${z.prettifyError(checked.error)}`
          }
        }
      }
      return { ok: true, data: secretsInUse.result(checked.data) }
    } catch (err) {
      if (controller.signal.aborted && !(err instanceof AppError)) {
        return { ok: false, error: { code: 'cancelled', message: 'Cancelled.' } }
      }
      // Every error leaves the core here: what a provider or panel echoed of a secret is blanked.
      return { ok: false, error: secretsInUse.payload(toErrorPayload(err)) }
    } finally {
      if (callId && this.inflight.get(callId) === controller) this.inflight.delete(callId)
    }
  }

  cancel(callId: string): boolean {
    const c = this.inflight.get(callId)
    if (!c) return false
    c.abort()
    this.inflight.delete(callId)
    return true
  }

  cancelAll(): void {
    for (const c of this.inflight.values()) c.abort()
    this.inflight.clear()
  }
}

function inputError(err: z.ZodError): AppError {
  const problems = err.issues.map((i) => ({
    ...(i.path.length ? { field: i.path.map(String).join('.') } : {}),
    message: i.message
  }))
  return new AppError('input.invalid', problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '), {
    problems
  })
}
