import { spawn } from 'node:child_process'
import { httpUrlOrNull } from '../core/net/http'

/** Opens a URL in the system's default browser; resolves false if no opener could start. */
export function openInDefaultBrowser(url: string): Promise<boolean> {
  const u = httpUrlOrNull(url)
  if (!u) return Promise.resolve(false)
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [u.toString()]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', u.toString().replace(/&/g, '^&')]]
        : ['xdg-open', [u.toString()]]
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
