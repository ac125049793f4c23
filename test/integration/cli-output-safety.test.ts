import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forTerminal } from '../../src/cli/terminal-output'
import { startRouteServer, type RouteServer } from '../support/route-server'
import { runCliInProcess, type CliRun } from '../support/run-cli'

let srv: RouteServer
beforeAll(async () => {
  srv = await startRouteServer()
})
afterAll(async () => srv.close())

function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCliInProcess(argv, { env })
}

/** What a hostile provider puts in its answers: set the window title, clear the screen, and more. */
const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m\x9b2J\x1bP1;2q\x1b\\back\rover\u202Egnp.exe\x07\x00'
const API_KEY = 'Qk7fN2pXr9TzL4mW8vYc3HdJ6sBa1GeU5oRi0KxZqPlMnVbC'

describe('the CLI prints nothing a remote party could use on the terminal', () => {
  it('strips escape sequences and control characters', () => {
    expect(forTerminal(HOSTILE)).toBe('redbackovergnp.exe')
    expect(forTerminal('line one\n\tline two\r\n')).toBe('line one\n\tline two\r\n')
  })

  it('a provider’s error page with terminal escapes reaches stderr without them', async () => {
    srv.route('/.well-known/openid-configuration', (_req, res) =>
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`Internal error ${HOSTILE}`)
    )
    const r = await run(['discover', srv.origin, '--timeout', '5'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('500')
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202e]/)
  })

  for (const flag of ['--api-key-env', '--client-secret-env']) {
    it(`${flag} <the key itself> is refused without printing the key`, async () => {
      const r = await run(['push', '--config', '-', '--panel', 'https://panel.example.com', flag, API_KEY])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(flag)
      expect(r.stderr).not.toContain(API_KEY)
      expect(r.stderr).not.toContain(API_KEY.slice(0, 16))
    })
  }

  it('a variable NAME is still accepted', async () => {
    const r = await run(['push', '--config', '-', '--panel', 'https://panel.example.com', '--api-key-env', 'MY_PANEL_KEY'])
    expect(r.stderr).not.toMatch(/takes the NAME/)
    expect(r.stderr).toContain('MY_PANEL_KEY')
  })
})
