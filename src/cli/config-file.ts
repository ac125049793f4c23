import type { z } from 'zod'
import { locateJsonError } from '../core/json-position'
import { looksLikeSecret, secretsInUse } from '../core/redaction/redact'
import { AppError } from '../shared/errors'
import { readInput, UsageError, type CliIO } from './command'

export const DEFAULT_CLIENT_SECRET_ENV = 'CALAGOPUS_CLIENT_SECRET'
export const DEFAULT_API_KEY_ENV = 'CALAGOPUS_API_KEY'

const RECORD_HINT =
  'CONFIG.json is the panel’s provider record in snake_case (docs/panel-behaviour.md#provider-record): name, description, client_id, auth_url, token_url, info_url, scopes, identifier_path, email_path, username_path, name_first_path, name_last_path and the six switches; optional values may be null. A preset file becomes one with `import FILE --json`.'

export interface ConfigFile<T> {
  config: T
  /** The parsed JSON as written, for notes about keys the schema drops. */
  raw: Record<string, unknown>
  /** A client_secret written in the file (a fallback: the environment comes first). */
  fileSecret: string | null
}

/**
 * Reads CONFIG.json (a path, or - for stdin) as JSON, saying where it breaks (line, column).
 * CONFIG.json is the assistant's file, not a panel body: a BOM an editor added is dropped.
 */
export async function readConfigJson(file: string, io: CliIO, hint?: string): Promise<unknown> {
  const text = (await readInput(file, io, 'config')).replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text)
  } catch (err) {
    const at = locateJsonError(text, (err as Error).message)
    throw new AppError(
      'cli.config',
      `${file} is not JSON${at.line === null ? '' : ` (line ${at.line}, column ${at.column})`}: ${at.message}.`,
      hint ? { hint } : {}
    )
  }
}

/**
 * Reads CONFIG.json (a path, or - for stdin) and validates it with the command's schema.
 * One reader for every command, so a broken file gets the same message everywhere:
 * where the JSON breaks (line, column), or which fields are wrong.
 */
export async function readConfigFile<S extends z.ZodType>(file: string, io: CliIO, schema: S): Promise<ConfigFile<z.output<S>>> {
  const raw = await readConfigJson(file, io, RECORD_HINT)
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const n = parsed.error.issues.length
    throw new AppError('cli.config', `${file} is not a provider record (${n} problem${n === 1 ? '' : 's'}).`, {
      hint: RECORD_HINT,
      problems: parsed.error.issues.map((i) => ({
        field: i.path.join('.') || undefined,
        message: i.message.replace(/^Invalid input: expected (\w+), received undefined$/, 'is missing (expected $1)')
      }))
    })
  }
  const record = raw as Record<string, unknown>
  const secret = record.client_secret
  return { config: parsed.data, raw: record, fileSecret: typeof secret === 'string' && secret !== '' ? secret : null }
}

/** Validates a `--…-env NAME` option: it takes a variable's name, never a secret itself. */
export function envName(value: string | undefined, fallback: string, flag: string): string {
  const name = value ?? fallback
  // Said without repeating the value: a pasted key would otherwise be printed back.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || looksLikeSecret(name))
    throw new UsageError(
      `${flag} takes the NAME of an environment variable, not its value (what was given is not repeated here, in case it is the secret).`
    )
  return name
}

/**
 * The client secret: from the environment variable, else the config file's (with a
 * note, since a secret in a file is easy to leak); never from argv.
 */
export function clientSecretFrom(io: CliIO, secretEnv: string, fileSecret: string | null, configFile: string): string | null {
  const envSecret = io.env[secretEnv]
  if (envSecret !== undefined && envSecret !== '') {
    secretsInUse.add(envSecret)
    return envSecret
  }
  secretsInUse.add(fileSecret)
  if (fileSecret !== null) io.stderr(`note: ${secretEnv} is not set; using the client_secret of ${configFile}.\n`)
  return fileSecret
}

/**
 * The `mappings` of CONFIG.json: `[{"matcher": M, "mapping": T}, …]` in the panel's shapes and
 * creation order; null when the key is absent (the push then leaves the panel's mappings alone).
 * Entries are passed on as written: the engine judges them with the panel's own rules.
 */
export function readConfigMappings(raw: Record<string, unknown>, file: string): { matcher: unknown; mapping: unknown }[] | null {
  if (!('mappings' in raw) || raw.mappings === undefined) return null
  if (!Array.isArray(raw.mappings)) {
    throw new AppError('cli.config', `${file}: "mappings" must be a list of {"matcher": …, "mapping": …} objects.`, {
      problems: [{ field: 'mappings', message: 'is not a list' }]
    })
  }
  return raw.mappings as { matcher: unknown; mapping: unknown }[]
}
