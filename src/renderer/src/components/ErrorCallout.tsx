import { Box, Callout, Code, Text } from '@radix-ui/themes'
import type { ErrorPayload } from '../../../shared/errors'

/** An error as the admin needs it: what happened, what to do, and what the other side said. */
export function ErrorCallout({ error, testId }: { error: ErrorPayload; testId?: string }) {
  const ev = error.evidence
  return (
    <Callout.Root color="red" role="alert" data-testid={testId ?? 'error'}>
      <Callout.Text>
        <Text weight="bold">{error.message}</Text>
        {error.hint ? (
          <>
            <br />
            {error.hint}
          </>
        ) : null}
      </Callout.Text>
      {error.problems?.length ? (
        <Box asChild>
          <ul>
            {error.problems.map((p, i) => (
              <li key={i}>
                <Text size="2">
                  {p.field ? `${p.field}: ` : ''}
                  {p.message}
                </Text>
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
      {ev ? (
        <Box data-testid="evidence">
          <Text as="p" size="1" color="gray">
            {ev.method ?? 'GET'} {ev.url}
            {ev.status !== undefined ? ` → ${ev.status} ${ev.statusText ?? ''}` : ''}
            {ev.contentType ? ` (${ev.contentType})` : ''}
          </Text>
          {ev.bodyExcerpt ? (
            <Code
              size="1"
              variant="ghost"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', display: 'block', maxHeight: '8rem', overflow: 'auto' }}
            >
              {ev.bodyExcerpt}
            </Code>
          ) : null}
        </Box>
      ) : null}
    </Callout.Root>
  )
}
