import { Box, Flex, Heading, Switch, Text } from '@radix-ui/themes'
import type { SwitchField } from '../../../shared/provider'
import { FIELD_LABELS } from '../../../shared/provider'
import { useWizard } from '../store'

/** One sentence each: what the switch does, and what users will notice. */
const OPTION_TEXT: Record<Exclude<SwitchField, 'basic_auth'>, { on: string; off: string }> = {
  enabled: {
    on: 'Users see a button for this provider on the login page and can use it.',
    off: 'The provider is hidden: no login button, and its login URL answers 404.'
  },
  login_only: {
    on: 'Only people whose account is already linked can log in: nobody can register through this provider.',
    off: 'Someone who logs in with an identity not yet linked gets a new panel account created from the provider’s data.'
  },
  login_bypass_2fa: {
    on: 'Users who log in through this provider are not asked for their TOTP code, even if they enabled two-factor authentication.',
    off: 'Users with two-factor authentication still enter their TOTP code after logging in through this provider.'
  },
  link_viewable: {
    on: 'Users see this connection and its identifier in their account settings.',
    off: 'The connection is invisible to users; only admins see it.'
  },
  user_manageable: {
    on: 'Users can connect and disconnect this provider from their account settings themselves.',
    off: 'Only admins can link or unlink accounts; users cannot connect an existing account themselves.'
  }
}

/** Step 5: the panel's switches, each with its consequence for users. */
export function OptionsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Options
        </Heading>
        <Text as="p" size="2" color="gray">
          How the panel treats users of this provider. You can change these later in the panel.
        </Text>
      </Box>
      {(Object.keys(OPTION_TEXT) as (keyof typeof OPTION_TEXT)[]).map((key) => {
        const on = config[key]
        return (
          <Flex key={key} gap="3" align="start">
            <Switch
              id={`opt-${key}`}
              data-testid={`switch-${key}`}
              checked={on}
              onCheckedChange={(v) => setField(key, v)}
              aria-describedby={`opt-${key}-desc`}
              mt="1"
            />
            <Box>
              <Text as="label" htmlFor={`opt-${key}`} size="2" weight="medium">
                {FIELD_LABELS[key]}: {on ? 'on' : 'off'}
              </Text>
              <Text as="p" size="1" color="gray" id={`opt-${key}-desc`}>
                {OPTION_TEXT[key][on ? 'on' : 'off']}
              </Text>
            </Box>
          </Flex>
        )
      })}
    </Flex>
  )
}
