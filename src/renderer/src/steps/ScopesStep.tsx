import { Badge, Box, Button, Callout, Checkbox, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { DEFAULT_SCOPES, SCOPE_REASONS, suggestScopes, unsupportedScopes } from '../../../core/scopes/scope-advice'
import { charCount, SCOPE_MAX_CHARS } from '../../../core/provider/rules'
import { FieldProblems } from '../components/FieldProblems'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

/** Step 3: which scopes the panel asks for at login. */
export function ScopesStep() {
  const scopes = useWizard((s) => s.config.scopes)
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const supported = useWizard((s) => s.discovery?.scopes_supported ?? null)
  const problems = useRuleProblems()
  const [custom, setCustom] = useState('')
  const [customError, setCustomError] = useState<string | null>(null)
  // Scopes shown here stay listed when unchecked (a custom one would otherwise vanish, and
  // keyboard focus with it); the step is keyed by draft, so this list is one draft's.
  const [listed, setListed] = useState<string[]>(scopes)

  const offered = Array.from(new Set([...DEFAULT_SCOPES, ...(supported ?? []), ...listed, ...scopes]))
  const unsupported = new Set(unsupportedScopes(scopes, supported))
  const suggestions = suggestScopes(config, supported)

  const toggle = (scope: string, on: boolean): void => {
    setField('scopes', on ? [...scopes, scope] : scopes.filter((s) => s !== scope))
  }
  const addCustom = (): void => {
    const parts = custom.split(/[\s,]+/).filter(Boolean)
    if (parts.length === 0) {
      setCustomError('Type a scope name, e.g. read:user.')
      return
    }
    setField('scopes', Array.from(new Set([...scopes, ...parts])))
    setListed((l) => Array.from(new Set([...l, ...parts])))
    setCustom('')
    setCustomError(null)
  }

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Scopes
        </Heading>
        <Text as="p" size="2" color="gray">
          The panel asks the provider for exactly these scopes, joined by spaces. <b>openid</b>, <b>profile</b> and <b>email</b> are
          preselected: together they let the panel read the user’s id, names, username and e-mail.
          {supported
            ? ' The list below is what your provider publishes.'
            : ' Your provider publishes no list: add the scopes its documentation names.'}
        </Text>
      </Box>

      {suggestions.map((s) => (
        <Callout.Root key={s.scope} color="amber" size="1" data-testid={`scope-suggestion-${s.scope}`}>
          <Callout.Text>
            Your {s.fields.map((f) => f.replace('_path', '').replace('name_', 'name ')).join(' and ')} path reads <b>{s.claim}</b>, which
            providers return only with the <b>{s.scope}</b> scope.{' '}
            <Button size="1" variant="soft" onClick={() => toggle(s.scope, true)}>
              Add {s.scope}
            </Button>
          </Callout.Text>
        </Callout.Root>
      ))}

      <Flex direction="column" gap="2" role="group" aria-label="Scopes">
        {offered.map((scope) => (
          <Text as="label" size="2" key={scope} htmlFor={`scope-${scope}`}>
            <Flex gap="2" align="start">
              <Checkbox
                id={`scope-${scope}`}
                data-testid={`scope-${scope}`}
                checked={scopes.includes(scope)}
                onCheckedChange={(v) => toggle(scope, v === true)}
              />
              <Box>
                <Text weight="medium">{scope}</Text>
                {unsupported.has(scope) ? (
                  <Badge color="amber" highContrast ml="2" data-testid={`scope-unsupported-${scope}`}>
                    not in scopes_supported
                  </Badge>
                ) : null}
                {charCount(scope) > SCOPE_MAX_CHARS ? (
                  <Badge color="red" ml="2" data-testid={`scope-too-long-${scope}`}>
                    over {SCOPE_MAX_CHARS} characters: the panel answers 500 on save
                  </Badge>
                ) : null}
                {SCOPE_REASONS[scope] ? (
                  <Text as="p" size="1" color="gray">
                    {SCOPE_REASONS[scope]}
                  </Text>
                ) : null}
              </Box>
            </Flex>
          </Text>
        ))}
      </Flex>
      <FieldProblems id="scopes-problems" label="Scopes" problems={problems.scopes} />

      <form
        onSubmit={(e) => {
          e.preventDefault()
          addCustom()
        }}
      >
        <Flex gap="2" align="end">
          <Box flexGrow="1">
            <TextInput
              id="custom-scope"
              label="Another scope"
              description="For OAuth 2.0 providers with their own scope names, e.g. read:user (GitHub) or identify (Discord)."
              value={custom}
              onChange={(v) => {
                setCustom(v)
                setCustomError(null)
              }}
              monospace
              problems={customError ? [{ field: 'custom-scope', severity: 'error', message: customError }] : undefined}
            />
          </Box>
          <Button type="submit" variant="soft" data-testid="scope-add">
            Add
          </Button>
        </Flex>
      </form>
      <Text size="2" data-testid="scope-string">
        The login will request: <code>{scopes.join(' ') || '(no scopes)'}</code>
      </Text>
    </Flex>
  )
}
