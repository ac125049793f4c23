import { z } from 'zod'

/**
 * What the other side actually answered, kept so an admin (or a bug report) can see
 * the raw facts behind a message. Never holds a secret: producers pass bodies through
 * `redact` before they get here.
 */
export const EvidenceSchema = z.object({
  url: z.string().optional(),
  method: z.string().optional(),
  status: z.number().optional(),
  statusText: z.string().optional(),
  contentType: z.string().optional(),
  /** First bytes of the response body, as text. */
  bodyExcerpt: z.string().optional(),
  /** Free-form facts (e.g. `{"expected": …, "got": …}`). */
  details: z.record(z.string(), z.unknown()).optional()
})
export type Evidence = z.infer<typeof EvidenceSchema>

/** The shape an error takes when it crosses IPC or HTTP to the renderer. */
export const ErrorPayloadSchema = z.object({
  /** Stable machine code, `domain.reason`, e.g. `discovery.timeout`. */
  code: z.string(),
  /** One or two sentences for the admin: what happened. */
  message: z.string(),
  /** What to do next, when we know. */
  hint: z.string().optional(),
  /** Field of the provider record (or of an input) the error belongs to. */
  field: z.string().optional(),
  evidence: EvidenceSchema.optional(),
  /** Several problems at once (validation). */
  problems: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional()
})
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>

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
