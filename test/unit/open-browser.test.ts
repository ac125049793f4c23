import { describe, expect, it } from 'vitest'
import { toOpenableUrl } from '../../src/core/net/browser-url'
import { openCommandFor } from '../../src/web/open-browser'

/** What an attacker controls: the authorization endpoint of a discovery document or preset. */
const HOSTILE = [
  'http://host/auth|calc|',
  'http://host/auth?x=1^&calc',
  'http://host/%PATH%/%USERNAME%',
  'http://host/a&calc.exe',
  'http://host/a"&calc&"',
  'https://host/a`id`$(id)',
  'http://host/a<b>c',
  'http://host/a b\tc'
]

/** Characters cmd.exe, PowerShell or a POSIX shell would interpret. */
const SHELL_META = /[|^"<>`&%\s]|%(?![0-9A-F]{2})/

describe('opening a URL in the system browser', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    for (const url of HOSTILE) {
      it(`${platform}: ${JSON.stringify(url)} goes to the opener as one inert argument, no shell`, () => {
        const cmd = openCommandFor(url, platform, { SystemRoot: 'C:\\Windows' })
        expect(cmd).not.toBeNull()
        const arg = cmd!.args.at(-1)!
        // One argument, no shell program in between.
        expect(cmd!.command).not.toMatch(/(^|[\\/])(cmd|cmd\.exe|sh|bash|powershell|pwsh)$/i)
        expect(cmd!.args.filter((a) => a.includes('host'))).toHaveLength(1)
        // `&` may remain (a query separator is harmless without a shell); nothing else.
        expect(arg.replace(/&/g, '').replace(/%[0-9A-F]{2}/g, '')).not.toMatch(SHELL_META)
        // The same address for the browser: decoding gives the URL as the standard parses it.
        expect(new URL(arg).host).toBe('host')
      })
    }
  }

  it('Windows uses url.dll through the system rundll32 by full path', () => {
    expect(openCommandFor('https://idp.example/auth?a=1&b=2', 'win32', { SystemRoot: 'D:\\Win' })).toEqual({
      command: 'D:\\Win\\System32\\rundll32.exe',
      args: ['url.dll,FileProtocolHandler', 'https://idp.example/auth?a=1&b=2']
    })
  })

  it('percent-encodes exactly what the URL standard allows and keeps valid escapes', () => {
    expect(toOpenableUrl('http://host/auth|calc|')).toBe('http://host/auth%7Ccalc%7C')
    expect(toOpenableUrl('http://host/%PATH%')).toBe('http://host/%25PATH%25')
    expect(toOpenableUrl('http://host/a^b')).toBe('http://host/a%5Eb')
    expect(toOpenableUrl('http://host/?q=%2Fok&r=1')).toBe('http://host/?q=%2Fok&r=1')
  })

  it('opens only http(s) URLs without userinfo', () => {
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'calc.exe',
      '\\\\server\\share',
      'http://user:pw@host/'
    ])
      expect(openCommandFor(bad, 'win32')).toBeNull()
  })
})
