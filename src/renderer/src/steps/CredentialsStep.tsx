import { Box, Flex, Heading, Switch, Text } from '@radix-ui/themes'
import { RedirectUris } from '../components/credentials/RedirectUris'
import { SecretField } from '../components/credentials/SecretField'
import { TestLogin } from '../components/credentials/TestLogin'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useSecretStatus } from '../hooks/useSecretStatus'
import { useWizard } from '../store'

/** Step 4: the client the admin registered at the provider, its secret, and a real test login. */
export function CredentialsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const discovery = useWizard((s) => s.discovery)
  const busy = useWizard((s) => s.loginStatus === 'starting' || s.loginStatus === 'waiting')
  const problems = useRuleProblems()

  useSecretStatus()

  const recommended = discovery ? discovery.basic_auth : null

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Client credentials
        </Heading>
        <Text as="p" size="2" color="gray">
          Create a confidential client (with a secret) at your provider, then enter what it gives you.
        </Text>
      </Box>

      <RedirectUris />

      <TextInput
        id="client_id"
        label="Client ID"
        required
        monospace
        value={config.client_id}
        onChange={(v) => setField('client_id', v)}
        problems={problems.client_id}
      />
      <SecretField />

      <Flex gap="3" align="start">
        <Switch
          id="basic_auth"
          data-testid="switch-basic_auth"
          checked={config.basic_auth}
          onCheckedChange={(v) => setField('basic_auth', v)}
          aria-describedby="basic_auth-desc"
          mt="1"
          disabled={busy}
        />
        <Box>
          <Text as="label" htmlFor="basic_auth" size="2" weight="medium">
            Basic Auth: {config.basic_auth ? 'on (client_secret_basic)' : 'off (client_secret_post)'}
          </Text>
          <Text as="p" size="1" color="gray" id="basic_auth-desc">
            {config.basic_auth
              ? 'The panel sends the client id and secret in the Authorization header of the token request.'
              : 'The panel sends the client id and secret in the body of the token request.'}
          </Text>
          {discovery ? (
            <Text as="p" size="1" data-testid="basic_auth-recommendation">
              Recommended from discovery: <Text weight="medium">{recommended ? 'on' : 'off'}</Text>. {discovery.basic_auth_reason}
            </Text>
          ) : null}
        </Box>
      </Flex>

      <TestLogin />
    </Flex>
  )
}
