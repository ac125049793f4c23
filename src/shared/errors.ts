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

/**
 * Every error code the application raises: a closed set, so a UI or CLI branch on a code that
 * does not exist (a typo) fails the typecheck. `domain.reason`; `cancelled` and `internal` are
 * the two codes without a domain. Add a code here before raising it.
 */
export const ERROR_CODES = [
  'cancelled',
  'cli.api-key',
  'cli.config',
  'cli.read',
  'cli.usage',
  'discovery.empty',
  'discovery.html',
  'discovery.http-status',
  'discovery.input',
  'discovery.invalid-json',
  'discovery.not-found',
  'discovery.not-object',
  'drafts.corrupt',
  'drafts.io',
  'drafts.not-found',
  'engine.unavailable',
  'input.invalid',
  'internal',
  'jsonpath.document',
  'login.access-denied',
  'login.auth-url-not-found',
  'login.authorization-error',
  'login.authorization-refused',
  'login.bad-url',
  'login.invalid-client',
  'login.invalid-grant',
  'login.invalid-scope',
  'login.no-client-id',
  'login.no-code',
  'login.no-flow',
  'login.no-secret',
  'login.pkce-required',
  'login.port-denied',
  'login.port-in-use',
  'login.provider-error',
  'login.redirect-uri-mismatch',
  'login.state-mismatch',
  'login.timeout',
  'login.token-bad-field',
  'login.token-error',
  'login.token-missing-field',
  'login.token-missing-token-type',
  'login.token-not-json',
  'login.token-redirect',
  'login.token-status-not-ok',
  'login.unauthorized-client',
  'login.unknown-client',
  'login.unsupported-response-type',
  'login.userinfo-error',
  'login.userinfo-jwt',
  'login.userinfo-not-json',
  'login.userinfo-redirect',
  'login.userinfo-unauthorized',
  'net.bad-port',
  'net.bad-redirect',
  'net.dns',
  'net.failed',
  'net.plain-http',
  'net.timeout',
  'net.tls',
  'net.too-large',
  'net.too-many-redirects',
  'net.unreachable',
  'panel.invalid-config',
  'panel.invalid-payload',
  'panel.key-malformed',
  'panel.key-missing',
  'panel.key-refused',
  'panel.name-conflict',
  'panel.not-a-panel',
  'panel.not-admin',
  'panel.not-found',
  'panel.permission',
  'panel.plan-changed',
  'panel.preflight-url',
  'panel.rate-limited',
  'panel.redirected',
  'panel.server-error',
  'panel.unexpected',
  'panel.url-invalid',
  'panel.usage',
  'panel.validation',
  'presets.library-broken',
  'presets.library-missing',
  'presets.placeholder',
  'presets.save',
  'presets.unknown',
  'rpc.bad-request',
  'rpc.forbidden',
  'rpc.unauthorized',
  'rpc.unknown-method',
  'rpc.unreachable',
  'vault.encryption-unavailable',
  'vault.scope',
  'vault.unreadable'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES)

/** Narrows a code that crossed a transport (or came from a file) to the closed set. */
export function isErrorCode(code: string): code is ErrorCode {
  return ERROR_CODE_SET.has(code)
}

/** The shape an error takes when it crosses IPC or HTTP to the renderer. */
export interface ErrorPayload {
  /** Stable machine code from {@link ERROR_CODES}, e.g. `net.timeout`. */
  code: ErrorCode
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
  readonly code: ErrorCode
  readonly hint?: string
  readonly field?: string
  readonly evidence?: Evidence
  readonly problems?: ErrorPayload['problems']

  constructor(
    code: ErrorCode,
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
