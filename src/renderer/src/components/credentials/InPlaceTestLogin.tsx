import { Box, Button, Card, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { useRuleProblems } from '../../hooks/useRuleProblems'
import { useSecretStatus } from '../../hooks/useSecretStatus'
import { useWizard } from '../../store'
import { TextInput } from '../TextInput'
import { RedirectUris } from './RedirectUris'
import { SecretField } from './SecretField'
import { TestLogin } from './TestLogin'

/**
 * The Claims step's way to a real userinfo answer without leaving it: the test login of
 * the Client credentials step, asking here for the client ID and secret when they are
 * missing (the same fields, the same vault).
 */
export function InPlaceTestLogin() {
  useSecretStatus()
  const clientId = useWizard((s) => s.config.client_id)
  const setField = useWizard((s) => s.setField)
  const secretMissing = useWizard((s) => s.vaultStatus !== null && !s.vaultStatus.set)
  const hasUserinfo = useWizard((s) => s.userinfo !== null)
  const problems = useRuleProblems()
  const [open, setOpen] = useState(false)
  // Once asked for, a field stays while the admin fills it (it would vanish at the first key).
  const [askId, setAskId] = useState(false)
  const [askSecret, setAskSecret] = useState(false)
  if (open && clientId.trim() === '' && !askId) setAskId(true)
  if (open && secretMissing && !askSecret) setAskSecret(true)

  return (
    <Card data-testid="claims-test-login">
      <Flex direction="column" gap="3">
        <Flex justify="between" align="center" gap="2" wrap="wrap">
          <Box>
            <Heading as="h3" size="3">
              Test login
            </Heading>
            <Text as="p" size="1" color="gray">
              Log in once at the provider, as the panel will: its real userinfo answer lands in the tester below.
            </Text>
          </Box>
          {open ? null : (
            <Button variant={hasUserinfo ? 'soft' : 'solid'} onClick={() => setOpen(true)} data-testid="claims-login-open">
              {hasUserinfo ? 'Run the test login again' : 'Run the test login here'}
            </Button>
          )}
        </Flex>
        {open ? (
          <>
            {askId ? (
              <TextInput
                id="client_id"
                label="Client ID"
                required
                monospace
                value={clientId}
                onChange={(v) => setField('client_id', v)}
                problems={problems.client_id}
              />
            ) : null}
            {askSecret ? <SecretField /> : null}
            <RedirectUris testOnly />
            <TestLogin compact />
          </>
        ) : null}
      </Flex>
    </Card>
  )
}
