import type { CliIO } from '../../src/cli/command'
import { runCli } from '../../src/cli/main'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the CLI in this process, as `npm run -s cli -- …` would, and collects what it
 * printed. `onStderr` sees each stderr write as it happens (the login's "Open: <url>").
 */
export async function runCliInProcess(
  argv: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string; onStderr?: (text: string) => void } = {}
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => {
      stderr += t
      opts.onStderr?.(t)
    },
    env: opts.env ?? {},
    stdin: async () => opts.stdin ?? '',
    signal: new AbortController().signal
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}
