import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CSP } from '../../src/shared/content-security'

describe('one Content Security Policy', () => {
  it('index.html’s meta tag says what the app:// handler and the browser-mode server send', () => {
    const html = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    // frame-ancestors is ignored in a meta tag (CSP Level 3 §6.4.2): headers only.
    expect(meta).toBe(CSP.replace(/; frame-ancestors 'none'$/, ''))
  })
})
