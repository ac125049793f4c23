import { Box, Callout, Code, Flex, Heading, Text } from '@radix-ui/themes'
import { useMemo } from 'react'
import { checkProviderRules } from '../../../core/provider/rules'
import { FIELD_LABELS, type ProviderKey } from '../../../shared/provider'
import { ExportPreset } from '../components/ExportPreset'
import { pushBlockers } from '../hooks/useRuleProblems'
import { useWizard } from '../store'
import { stepOfField } from '../store/nav-slice'
import { PushToPanel } from './PushToPanel'

/** Step 6: what will be saved, with every problem the panel would refuse. */
export function FinishStep() {
  const config = useWizard((s) => s.config)
  const goTo = useWizard((s) => s.goTo)
  // One rule set for the verdict: what the panel's save would refuse (client ID included).
  const errors = useMemo(() => pushBlockers(config), [config])
  const warnings = useMemo(() => checkProviderRules(config, { mode: 'draft' }).filter((p) => p.severity === 'warning'), [config])
  const onlyCredentials = errors.every((p) => p.field === 'client_id')
  const { client_secret: _never, ...shown } = config
  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Export or push
        </Heading>
        <Text as="p" size="2" color="gray">
          The provider record below is what the panel will store (the client secret is never shown or exported).
        </Text>
      </Box>
      {errors.length ? (
        <Callout.Root color="red" data-testid="finish-errors">
          <Callout.Text>
            The panel would refuse this provider:
            {onlyCredentials ? ' (a preset file can still be exported: it never holds the client ID)' : ''}
          </Callout.Text>
          <ul>
            {errors.map((p, i) => (
              <li key={i}>
                <Text size="2">
                  {FIELD_LABELS[p.field as ProviderKey] ?? p.field}: {p.message}{' '}
                  <a href="#" onClick={(e) => (e.preventDefault(), goTo(stepOfField(p.field)))}>
                    fix
                  </a>
                </Text>
              </li>
            ))}
          </ul>
        </Callout.Root>
      ) : (
        <Callout.Root color="green" highContrast data-testid="finish-ok">
          <Callout.Text>The panel’s rules accept this provider.</Callout.Text>
        </Callout.Root>
      )}
      {warnings.map((p, i) => (
        <Callout.Root key={i} color="amber" size="1">
          <Callout.Text>
            {FIELD_LABELS[p.field as ProviderKey] ?? p.field}: {p.message}
          </Callout.Text>
        </Callout.Root>
      ))}
      <Code size="2" variant="soft" style={{ whiteSpace: 'pre', display: 'block', overflow: 'auto' }} data-testid="finish-record">
        {JSON.stringify(shown, null, 2)}
      </Code>
      <ExportPreset />
      <PushToPanel />
    </Flex>
  )
}
