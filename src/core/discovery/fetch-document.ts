import { AppError } from '../../shared/errors'
import { locateJsonError } from '../json-position'
import { evidenceOf, httpRequest, type HttpResponse } from '../net/http'
import { TROUBLE_URLS } from './troubleshooting'
import type { DiscoveryCandidate } from './well-known'

export interface FetchedDocument {
  candidate: DiscoveryCandidate
  response: HttpResponse
  doc: Record<string, unknown>
}

const MAX_DOCUMENT_BYTES = 1024 * 1024

/**
 * Fetches the candidates in order; a 404 (or 405/410) moves on to the next one,
 * anything else is decided on the spot. Errors quote what the server answered.
 */
export async function fetchDiscoveryDocument(
  candidates: DiscoveryCandidate[],
  opts: { timeoutMs?: number; signal?: AbortSignal }
): Promise<FetchedDocument> {
  const notFound: HttpResponse[] = []
  for (const candidate of candidates) {
    const response = await httpRequest({
      url: candidate.url,
      headers: { accept: 'application/json' },
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      maxBytes: MAX_DOCUMENT_BYTES,
      maxRedirects: 5,
      what: 'the provider'
    })
    if (response.status === 404 || response.status === 410 || response.status === 405) {
      notFound.push(response)
      continue
    }
    return { candidate, response, doc: parseDocument(response) }
  }
  const last = notFound[notFound.length - 1]!
  throw new AppError(
    'discovery.not-found',
    `No discovery document was found: ${notFound.map((r) => `${r.url} answered ${r.status}`).join('; ')}.`,
    {
      hint: `Check the address. Keycloak needs the realm (https://host/realms/NAME), Authentik the application (https://host/application/o/SLUG/). Providers without a discovery document (GitHub, Discord) can be set up from a preset or by typing the three URLs. ${TROUBLE_URLS}`,
      evidence: { ...evidenceOf(last), details: { tried: notFound.map((r) => ({ url: r.url, status: r.status })) } }
    }
  )
}

function parseDocument(res: HttpResponse): Record<string, unknown> {
  const evidence = evidenceOf(res)
  if (res.status < 200 || res.status > 299) {
    throw new AppError(
      'discovery.http-status',
      `The provider answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${res.url}.`,
      {
        hint:
          res.status === 401 || res.status === 403
            ? 'The discovery document must be public; something (a proxy, a firewall rule) is asking for credentials.'
            : res.status >= 500
              ? 'The provider had an internal error; check its logs, then try again.'
              : `Check the address. ${TROUBLE_URLS}`,
        evidence
      }
    )
  }
  const text = res.bodyText.replace(/^\uFEFF/, '')
  const contentType = (res.headers.get('content-type') ?? '').toLowerCase()
  const trimmed = text.trimStart()
  const webPage = (): AppError =>
    new AppError('discovery.html', 'This looks like a web page, not the discovery document.', {
      hint: 'The address probably points at the provider’s login page or a reverse proxy’s default page. Use the issuer URL or the /.well-known/openid-configuration URL itself.',
      evidence
    })
  // Markup, whatever it starts with (<!doctype, <html, <!-- …, <script): no JSON text
  // begins with "<".
  if (trimmed.startsWith('<')) throw webPage()
  if (trimmed === '') {
    throw new AppError('discovery.empty', `The provider answered ${res.status} with an empty body.`, { evidence })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    // A text/html answer that isn't JSON is a page (an error page in plain text, a
    // template); a valid JSON object mislabelled as text/html is still the document.
    if (contentType.includes('text/html')) throw webPage()
    const where = locateJsonError(text, (err as Error).message)
    const pos = where.line !== null ? ` at line ${where.line}, column ${where.column}` : ''
    throw new AppError('discovery.invalid-json', `The discovery document is not valid JSON${pos}: ${where.message}.`, {
      evidence: { ...evidence, details: { line: where.line, column: where.column } }
    })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError(
      'discovery.not-object',
      `The discovery document must be a JSON object; this one is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}.`,
      {
        evidence
      }
    )
  }
  return value as Record<string, unknown>
}
