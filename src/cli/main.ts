import { usePanelEngineFromDisk } from '../core/engine/load-node'
import { AppError, toErrorPayload } from '../shared/errors'
import type { CliIO } from './command'
import { COMMAND_LOADERS, isCommandName, loadAllCommands } from './commands'
import { redact } from '../core/redaction/redact'
import { forTerminal, safeOutput } from './terminal-output'

// Paths are judged by the panel's engine (WebAssembly), loaded from disk on first use.
usePanelEngineFromDisk()

async function helpText(): Promise<string> {
  const commands = await loadAllCommands()
  return [
    'Calagopus OAuth Setup Assistant, command line.',
    '',
    'Usage: npm run -s cli -- <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'Results go to stdout, messages to stderr. Exit codes: 0 ok, 1 failure, 2 usage error.',
    ''
  ].join('\n')
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Runs one CLI invocation; exported for tests that call it in-process. */
export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  const io = safeOutput(rawIo)
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    ;(name ? io.stdout : io.stderr)(await helpText())
    return name ? 0 : 2
  }
  if (!isCommandName(name)) {
    io.stderr(`Unknown command “${name}”.\n\n${await helpText()}`)
    return 2
  }
  const cmd = await COMMAND_LOADERS[name]()
  try {
    return await cmd.run(rest, io)
  } catch (err) {
    const p = toErrorPayload(err)
    if (p.code === 'cli.usage' || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error: ${err instanceof AppError ? p.message : (err as Error).message}\nusage: ${cmd.usage}\n`)
      return 2
    }
    io.stderr(`error: ${p.message}\n`)
    if (p.hint) io.stderr(`hint: ${p.hint}\n`)
    for (const pr of p.problems ?? []) io.stderr(`  - ${pr.field ? `${pr.field}: ` : ''}${pr.message}\n`)
    if (p.evidence) {
      const e = p.evidence
      if (e.url) io.stderr(`  url: ${e.method ? `${e.method} ` : ''}${e.url}\n`)
      if (e.status !== undefined) io.stderr(`  status: ${e.status} ${e.statusText ?? ''}\n`)
      if (e.bodyExcerpt) io.stderr(`  body: ${e.bodyExcerpt.replace(/\n/g, '\n        ')}\n`)
    }
    return 1
  }
}

/** Runs the CLI as this process: argv, stdio, Ctrl+C, exit code. */
export function runCliProcess(): void {
  const controller = new AbortController()
  process.on('SIGINT', () => {
    controller.abort()
    process.exitCode = 130
  })
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stdin: readStdin,
    signal: controller.signal
  }
  runCli(process.argv.slice(2), io).then(
    (code) => {
      // Interrupted: 130 (128 + SIGINT) whatever the cancelled command returned.
      process.exitCode = controller.signal.aborted ? 130 : code
    },
    (err) => {
      process.stderr.write(forTerminal(redact(`internal error: ${(err as Error)?.stack ?? String(err)}\n`)))
      process.exitCode = 1
    }
  )
}

// Run directly (development: `tsx src/cli/main.ts`); the prebuilt bundle starts from cli/bin.ts.
if (process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) runCliProcess()
