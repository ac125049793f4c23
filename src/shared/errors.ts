/**
 * What the other side actually answered, kept so an admin (or a bug report) can see
 * the raw facts behind a message. Never holds a secret: producers keep secrets out of it.
 * (Plain types, no zod: this file is part of the renderer bundle.)
 */
export interface Evidence {
  url?: string
  method?: string
  status?: number
  statusText?: string
  contentType?: string
  /** First bytes of the response body, as text. */
  bodyExcerpt?: string
  /** Free-form facts (e.g. `{"expected": …, "got": …}`). */
  details?: Record<string, unknown>
}

/** The shape an error takes when it crosses IPC or HTTP to the renderer. */
export interface ErrorPayload {
  /** Stable machine code, `domain.reason`, e.g. `discovery.timeout`. */
  code: string
  /** One or two sentences for the admin: what happened. */
  message: string
  /** What to do next, when we know. */
  hint?: string
  /** Field of the provider record (or of an input) the error belongs to. */
  field?: string
  evidence?: Evidence
  /** Several problems at once (validation). */
  problems?: { field?: string; message: string }[]
}

/**
 * The one error class of the application. `message` is written for the admin;
 * `evidence` carries the raw status/body/URL; `cause` keeps the underlying error for logs.
 */
export class AppError extends Error {
  readonly code: string
  readonly hint?: string
  readonly field?: string
  readonly evidence?: Evidence
  readonly problems?: ErrorPayload['problems']

  constructor(
    code: string,
    message: string,
    opts: {
      hint?: string
      field?: string
      evidence?: Evidence
      problems?: ErrorPayload['problems']
      cause?: unknown
    } = {}
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.hint = opts.hint
    this.field = opts.field
    this.evidence = opts.evidence
    this.problems = opts.problems
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message }
    if (this.hint !== undefined) p.hint = this.hint
    if (this.field !== undefined) p.field = this.field
    if (this.evidence !== undefined) p.evidence = this.evidence
    if (this.problems !== undefined) p.problems = this.problems
    return p
  }

  static fromPayload(p: ErrorPayload): AppError {
    return new AppError(p.code, p.message, p)
  }
}

/** Any thrown value to a payload; unknown errors become `internal` without their stack. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload()
  if (err instanceof Error && err.name === 'AbortError') {
    return { code: 'cancelled', message: 'Cancelled.' }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message: `Unexpected error: ${message}` }
}
