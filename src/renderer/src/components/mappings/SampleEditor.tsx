import { Box, Button, Card, Checkbox, Flex, Heading, Text, TextArea, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { UserinfoSample } from '../../../../shared/schemas/mappings'
import { FieldLabel } from './form-controls'

/** A form to add one more userinfo sample (e.g. an ordinary user beside the admin of the test login). */
export function AddSampleForm({ onAdd, count }: { onAdd: (s: UserinfoSample) => void; count: number }) {
  const [label, setLabel] = useState('')
  const [body, setBody] = useState('')
  const [hasScope, setHasScope] = useState(false)
  const [scope, setScope] = useState('')
  let problem: string | null = null
  if (body.trim() !== '') {
    try {
      JSON.parse(body)
    } catch (err) {
      problem = `Not JSON: ${(err as Error).message}. The panel’s login would fail on this answer before any mapping runs.`
    }
  }
  return (
    <Card>
      <Heading as="h3" size="3" mb="2">
        Add a userinfo sample
      </Heading>
      <Flex direction="column" gap="2">
        <Box>
          <FieldLabel htmlFor="sample-label">Name</FieldLabel>
          <TextField.Root
            id="sample-label"
            data-testid="sample-label"
            value={label}
            placeholder={`Sample ${count + 1}`}
            onChange={(e) => setLabel(e.target.value)}
          />
        </Box>
        <Box>
          <FieldLabel htmlFor="sample-body">Userinfo answer (JSON, as the provider sends it)</FieldLabel>
          <TextArea
            id="sample-body"
            data-testid="sample-body"
            rows={5}
            value={body}
            spellCheck={false}
            style={{ fontFamily: 'var(--code-font-family)' }}
            aria-describedby={problem ? 'sample-body-problem' : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          {problem ? (
            <Text id="sample-body-problem" size="1" color="amber">
              {problem}
            </Text>
          ) : null}
        </Box>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox data-testid="sample-has-scope" checked={hasScope} onCheckedChange={(v) => setHasScope(v === true)} />
            The token response had a <code>scope</code>
          </Flex>
        </Text>
        {hasScope ? (
          <Box>
            <FieldLabel htmlFor="sample-scope">Granted scope, exactly as the token response sent it</FieldLabel>
            <TextField.Root id="sample-scope" data-testid="sample-scope" value={scope} onChange={(e) => setScope(e.target.value)} />
          </Box>
        ) : null}
        <Flex>
          <Button
            data-testid="sample-add"
            disabled={body.trim() === ''}
            onClick={() => {
              onAdd({ label: label.trim() || `Sample ${count + 1}`, body, granted_scope: hasScope ? scope : null })
              setLabel('')
              setBody('')
            }}
          >
            Add sample
          </Button>
        </Flex>
      </Flex>
    </Card>
  )
}
