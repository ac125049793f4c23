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
