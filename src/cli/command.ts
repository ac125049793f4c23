import { AppError } from '../shared/errors'

/** Where a command writes: stdout only the result, stderr everything for people. */
export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  stdin: () => Promise<string>
  signal: AbortSignal
}

export interface CliCommand {
  name: string
  summary: string
  usage: string
  /** Returns the exit code. Throw AppError for failures (exit 1), UsageError for bad args (exit 2). */
  run(argv: string[], io: CliIO): Promise<number>
}

export class UsageError extends AppError {
  constructor(message: string) {
    super('cli.usage', message)
  }
}

/** Reads a file argument or stdin; `-` means stdin. */
export async function readInput(file: string | undefined, io: CliIO, what: string): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  if (file === undefined || file === '-') {
    const text = await io.stdin()
    if (text === '') throw new UsageError(`No ${what}: pass --file FILE or pipe it on stdin.`)
    return text
  }
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    throw new AppError('cli.read', `Cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`)
  }
}

/**
 * A userinfo body as the provider would send it. A leading UTF-8 byte-order mark is refused
 * rather than dropped: the panel parses the body with serde_json, which reads no BOM, so
 * every login with such a body fails there (docs/panel-behaviour.md#token-and-userinfo-requests).
 */
export async function readUserinfoInput(file: string | undefined, io: CliIO, what: string): Promise<string> {
  const text = await readInput(file, io, what)
  if (text.charCodeAt(0) === 0xfeff) {
    const where = file === undefined || file === '-' ? 'on stdin' : file
    throw new AppError(
      'jsonpath.document',
      `The ${what} ${where} starts with a UTF-8 byte-order mark (U+FEFF): the panel would refuse this body (serde_json does not skip a BOM), so a login with it fails there.`,
      {
        hint: "Save the file as UTF-8 without a BOM (“UTF-8”, not “UTF-8 with BOM”, in your editor), or strip it: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE. A provider that really sends a BOM cannot log in to the panel."
      }
    )
  }
  return text
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/** `--timeout SECONDS` as milliseconds; undefined when the option was not given. */
export function timeoutOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const ms = Number(value) * 1000
  if (!(ms > 0) || !Number.isFinite(ms)) throw new UsageError('--timeout takes a number of seconds.')
  return ms
}
