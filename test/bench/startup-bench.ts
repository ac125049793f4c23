/**
 * Start-up bench: how long the CLI and browser mode take to start, as ratios to npm's
 * own start-up measured in the same run (the machine's speed cancels out).
 *
 * - CLI: `npm run -s cli -- presets --json` against `npm run -s noop` (a script that
 *   does nothing). Goal: at most 2×.
 * - Browser mode: time until it prints its address, through `npm run -s web` and
 *   through the launcher alone (`node scripts/run.mjs web`). Goal: the launcher under 0.5 s.
 *
 * Runs are interleaved (A, B, C, A, B, C, …) so a load spike hits every series alike;
 * medians are compared. The first round is a warm-up (it also rebuilds stale bundles).
 */
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 9)
const CLI_GOAL = 2
const WEB_GOAL_MS = 500

function timeCommand(cmd: string, args: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`)
  return ms
}

/** Time until the server prints its address on stdout; then stops it (its whole process group). */
function timeUntilAddress(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    let err = ''
    const stop = (): void => {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        /* already gone */
      }
    }
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (/^http:\/\/127\.0\.0\.1:\d+\//m.test(out)) {
        const ms = performance.now() - t0
        stop()
        child.once('exit', () => resolve(ms))
      }
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.once('exit', (code) => {
      if (!/^http:/m.test(out)) reject(new Error(`${cmd} ${args.join(' ')} exited ${code} before printing its address: ${err}`))
    })
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const series = { noop: [] as number[], cli: [] as number[], webNpm: [] as number[], webLauncher: [] as number[] }
for (let round = 0; round <= ROUNDS; round++) {
  const noop = timeCommand('npm', ['run', '-s', 'noop'])
  const cli = timeCommand('npm', ['run', '-s', 'cli', '--', 'presets', '--json'])
  const webNpm = await timeUntilAddress('npm', ['run', '-s', 'web', '--', '--no-open'])
  const webLauncher = await timeUntilAddress(process.execPath, ['scripts/run.mjs', 'web', '--no-open'])
  if (round === 0) continue // warm-up
  series.noop.push(noop)
  series.cli.push(cli)
  series.webNpm.push(webNpm)
  series.webLauncher.push(webLauncher)
}

const noop = median(series.noop)
const cli = median(series.cli)
const webNpm = median(series.webNpm)
const webLauncher = median(series.webLauncher)
const row = (label: string, ms: number, extra: string): string => `  ${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms  ${extra}`
const cliRatio = cli / noop
console.log(`\nStart-up (median of ${ROUNDS} interleaved rounds)`)
console.log(row('npm run -s noop', noop, '1.00× (baseline)'))
console.log(
  row('npm run -s cli -- presets --json', cli, `${cliRatio.toFixed(2)}× noop (goal ≤ ${CLI_GOAL}×) ${cliRatio <= CLI_GOAL ? 'OK' : 'OVER'}`)
)
console.log(row('npm run -s web: address printed', webNpm, `${(webNpm / noop).toFixed(2)}× noop`))
console.log(
  row(
    'node scripts/run.mjs web: address printed',
    webLauncher,
    `${(webLauncher / noop).toFixed(2)}× noop (goal < ${WEB_GOAL_MS} ms) ${webLauncher < WEB_GOAL_MS ? 'OK' : 'OVER'}`
  )
)
