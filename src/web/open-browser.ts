import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { toOpenableUrl } from '../core/net/browser-url'

/** A program and its arguments, run without a shell. */
export interface OpenCommand {
  command: string
  args: string[]
}

/**
 * The command that opens `url` in the default browser on `platform`, or null when the
 * URL may not be opened. Never a shell: on Windows `cmd /c start` would parse `|`, `&`,
 * `^` and `%VAR%` inside the URL (a hostile discovery document could run a program), so
 * the URL goes to url.dll's FileProtocolHandler as one argument, and only after
 * {@link toOpenableUrl} has percent-encoded every character a command line could mistake.
 */
export function openCommandFor(url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): OpenCommand | null {
  const safe = toOpenableUrl(url)
  if (safe === null) return null
  if (platform === 'darwin') return { command: '/usr/bin/open', args: [safe] }
  if (platform === 'win32') {
    // A full path, so a rundll32.exe planted in the working folder or on PATH is not run.
    const systemRoot = env['SystemRoot'] ?? env['SYSTEMROOT'] ?? 'C:\\Windows'
    return { command: join(systemRoot, 'System32', 'rundll32.exe').replace(/\//g, '\\'), args: ['url.dll,FileProtocolHandler', safe] }
  }
  return { command: 'xdg-open', args: [safe] }
}

/** Opens a URL in the system's default browser; resolves false if no opener could start. */
export function openInDefaultBrowser(url: string): Promise<boolean> {
  const cmd = openCommandFor(url, process.platform)
  if (!cmd) return Promise.resolve(false)
  return new Promise((resolve) => {
    // shell: false is the default; said here because it is the point.
    const child = spawn(cmd.command, cmd.args, { stdio: 'ignore', detached: true, shell: false, windowsHide: true })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
