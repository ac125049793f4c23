import { Box, Flex, Heading, Switch, Text } from '@radix-ui/themes'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

/** Step 4: the client the admin registered at the provider. */
export function CredentialsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const discovery = useWizard((s) => s.discovery)
  const problems = useRuleProblems()
  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">Client credentials</Heading>
        <Text as="p" size="2" color="gray">
          Create a confidential client (with a secret) at your provider, then enter what it gives you.
        </Text>
      </Box>
      <TextInput id="client_id" label="Client ID" required monospace value={config.client_id} onChange={(v) => setField('client_id', v)} problems={problems.client_id} />
      <Flex gap="3" align="start">
        <Switch id="basic_auth" data-testid="switch-basic_auth" checked={config.basic_auth} onCheckedChange={(v) => setField('basic_auth', v)} aria-describedby="basic_auth-desc" mt="1" />
        <Box>
          <Text as="label" htmlFor="basic_auth" size="2" weight="medium">
            Basic Auth: {config.basic_auth ? 'on (client_secret_basic)' : 'off (client_secret_post)'}
          </Text>
          <Text as="p" size="1" color="gray" id="basic_auth-desc">
            {config.basic_auth
              ? 'The panel sends the client id and secret in the Authorization header of the token request.'
              : 'The panel sends the client id and secret in the body of the token request.'}
            {discovery ? ` Recommended: ${discovery.basic_auth ? 'on' : 'off'}. ${discovery.basic_auth_reason}` : ''}
          </Text>
        </Box>
      </Flex>
    </Flex>
  )
}
