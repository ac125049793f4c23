import { Box, Flex, Heading, Text } from '@radix-ui/themes'
import { FIELD_LABELS, PATH_FIELDS, type PathField } from '../../../shared/provider'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

export const PATH_HELP: Record<PathField, string> = {
  identifier_path: 'Required. A value that never changes for a user, usually $.sub.',
  email_path: 'Usually $.email. Empty: the panel generates a random address at oauth.c7s.rs.',
  username_path: 'Usually $.preferred_username. Must give 3–15 letters, digits or _. Empty: the panel generates one.',
  name_first_path: 'Usually $.given_name. Empty: the panel stores “First”.',
  name_last_path: 'Usually $.family_name. Empty: the panel stores “Last”.'
}

/** Step 2: the five JSONPath expressions, checked with the panel's rules as you type. */
export function ClaimsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const problems = useRuleProblems()
  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">Claims</Heading>
        <Text as="p" size="2" color="gray">
          JSONPath expressions (RFC 9535, as the panel evaluates them) that pick each value out of the provider’s userinfo answer.
        </Text>
      </Box>
      {PATH_FIELDS.map((f) => (
        <TextInput
          key={f}
          id={f}
          label={FIELD_LABELS[f]}
          required={f === 'identifier_path'}
          monospace
          value={config[f] ?? ''}
          onChange={(v) => setField(f, f === 'identifier_path' ? v : v === '' ? null : v)}
          problems={problems[f]}
          description={PATH_HELP[f]}
        />
      ))}
    </Flex>
  )
}
