import { Button, Code, Flex, Popover, Text } from '@radix-ui/themes'
import { useWizard } from '../store'

/**
 * Exactly what the assistant keeps, and where: secrets in the secret store (whose own
 * words say where that is), everything else of a draft as a file in the drafts folder,
 * including the userinfo sample, which is personal data and can be forgotten here.
 */
export function StorageNotice() {
  const secrets = useWizard((s) => s.appInfo?.secretStorage.description ?? null)
  const draftsDir = useWizard((s) => s.draftsDir)
  const hasUserinfo = useWizard((s) => s.userinfo !== null)
  const clearUserinfo = useWizard((s) => s.clearUserinfo)
  return (
    <Popover.Root>
      <Popover.Trigger>
        <Button variant="ghost" size="1" color="gray" highContrast data-testid="storage-notice-open">
          What is stored where
        </Button>
      </Popover.Trigger>
      <Popover.Content maxWidth="32rem" data-testid="storage-notice" aria-label="What is stored where">
        <Flex direction="column" gap="2">
          <Text as="p" size="2">
            <Text weight="bold">The client secret and the panel API key</Text> go to the secret store, never into a draft. {secrets ?? ''}
          </Text>
          <Text as="p" size="2">
            <Text weight="bold">Drafts</Text> are saved as you type, one file per draft
            {draftsDir ? (
              <>
                {' '}
                in <Code size="1">{draftsDir}</Code>
              </>
            ) : null}
            : the provider’s fields, its address and discovery document, the userinfo sample of a test login or paste (personal data:
            e-mail, names, groups), and the last push’s panel address and provider id. Never a secret.
          </Text>
          <Flex gap="2" align="center">
            {hasUserinfo ? (
              <Button size="1" variant="soft" color="red" onClick={clearUserinfo} data-testid="storage-forget-userinfo">
                Forget this draft’s userinfo sample
              </Button>
            ) : (
              <Text size="1" color="gray">
                This draft holds no userinfo sample.
              </Text>
            )}
            <Popover.Close>
              <Button size="1" variant="soft" color="gray">
                Close
              </Button>
            </Popover.Close>
          </Flex>
        </Flex>
      </Popover.Content>
    </Popover.Root>
  )
}
