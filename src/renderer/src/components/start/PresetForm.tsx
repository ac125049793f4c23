import { Badge, Box, Button, Card, Flex, Link, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { ErrorPayload } from '../../../../shared/errors'
import { useWizard } from '../../store'
import type { LibraryEntry } from '../../store/library-slice'
import { ErrorCallout } from '../ErrorCallout'

export function testId(token: string): string {
  return token.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')
}

/**
 * One preset's questions (its placeholders: host, realm…), its notes, and the start. A
 * refused answer is said under its own field, in the field's words: the placeholder's
 * literal text (id.example.com, {realm}) is an internal key, never shown.
 */
export function PresetForm({ entry }: { entry: LibraryEntry }) {
  const startFromPreset = useWizard((s) => s.startFromPreset)
  const [values, setValues] = useState<Record<string, string>>({})
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [starting, setStarting] = useState(false)
  const tokens = new Set(entry.placeholders.map((p) => p.token))
  const fieldProblems = (token: string): string[] =>
    (error?.problems ?? []).filter((p) => p.field === token).map((p) => p.message.replace(`${labelOf(entry, token)}: `, ''))
  const general = error ? { ...error, problems: (error.problems ?? []).filter((p) => !p.field || !tokens.has(p.field)) } : null
  return (
    <Card mt="3" data-testid="preset-details">
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setStarting(true)
          setError(await startFromPreset(entry.id, values))
          setStarting(false)
        }}
      >
        <Flex direction="column" gap="3">
          <Text weight="bold">
            {entry.title} <Badge color="gray">{entry.kind}</Badge> {entry.community ? <Badge color="green">community preset</Badge> : null}
          </Text>
          {entry.placeholders.map((ph) => (
            <Box key={ph.token} maxWidth="420px">
              <Text as="label" htmlFor={`ph-${testId(ph.token)}`} size="2" weight="medium">
                {ph.label}
                {ph.default === undefined ? <Text color="gray"> (required)</Text> : null}
              </Text>
              {ph.help ? (
                <Text as="p" size="1" color="gray" id={`ph-${testId(ph.token)}-help`}>
                  {ph.help}
                </Text>
              ) : null}
              <TextField.Root
                id={`ph-${testId(ph.token)}`}
                mt="1"
                value={values[ph.token] ?? ''}
                placeholder={ph.default ?? ph.example}
                aria-describedby={
                  [ph.help ? `ph-${testId(ph.token)}-help` : '', fieldProblems(ph.token).length ? `ph-${testId(ph.token)}-problems` : '']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                onChange={(e) => setValues((v) => ({ ...v, [ph.token]: e.target.value }))}
                spellCheck={false}
                autoComplete="off"
                data-testid={`placeholder-${testId(ph.token)}`}
                aria-invalid={fieldProblems(ph.token).length ? true : undefined}
              />
              {fieldProblems(ph.token).length ? (
                <Box id={`ph-${testId(ph.token)}-problems`}>
                  {fieldProblems(ph.token).map((m, i) => (
                    <Text as="p" size="1" color="red" key={i} data-testid={`placeholder-problem-${testId(ph.token)}`}>
                      {m}
                    </Text>
                  ))}
                </Box>
              ) : null}
            </Box>
          ))}
          {entry.notes.length ? (
            <Box asChild>
              <ul style={{ margin: 0 }}>
                {entry.notes.map((n, i) => (
                  <li key={i}>
                    <Text size="2">{n}</Text>
                  </li>
                ))}
              </ul>
            </Box>
          ) : null}
          <Text size="2" color="gray">
            Redirect URL goes in: {entry.redirect_hint}
            {entry.docs_url ? (
              <>
                {' '}
                <Link href={entry.docs_url} target="_blank" rel="noreferrer">
                  Provider documentation
                </Link>
              </>
            ) : null}
          </Text>
          {general ? <ErrorCallout error={general} testId="preset-error" /> : null}
          <Flex>
            <Button type="submit" disabled={starting} data-testid="preset-start">
              Start with {entry.title}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Card>
  )
}

function labelOf(entry: LibraryEntry, token: string): string {
  return entry.placeholders.find((p) => p.token === token)?.label ?? token
}
