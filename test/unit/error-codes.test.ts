import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CODES, isErrorCode, toErrorPayload } from '../../src/shared/errors'

describe('error codes are a closed set', () => {
  it('a code outside the set does not typecheck', () => {
    // `npm test` runs `tsc -b` over this file: if AppError accepted any string, the directive
    // below would be unused and the typecheck would fail.
    // @ts-expect-error 'panel.not-fund' is a typo of 'panel.not-found'
    const typo = new AppError('panel.not-fund', 'x')
    expect(isErrorCode(typo.code)).toBe(false)
  })

  it('every code is domain.reason (or one of the two plain ones) and listed once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
    for (const code of ERROR_CODES) expect(code).toMatch(/^(cancelled|internal|[a-z]+\.[a-z]+(-[a-z]+)*)$/)
  })

  it('unknown throwables become internal, aborts become cancelled', () => {
    expect(toErrorPayload(new Error('boom')).code).toBe('internal')
    const abort = new Error('stop')
    abort.name = 'AbortError'
    expect(toErrorPayload(abort).code).toBe('cancelled')
  })
})
