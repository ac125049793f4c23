import { Badge, Box, Button, Callout, Flex, Text, TextField } from '@radix-ui/themes'
import { useEffect, useRef, useState } from 'react'
import { ErrorCallout } from '../ErrorCallout'
import { FieldProblems } from '../FieldProblems'
import { useRuleProblems } from '../../hooks/useRuleProblems'
import { useWizard } from '../../store'

/** The client secret, write-only: typed once, then only "set / replace / clear". */
export function SecretField() {
  const status = useWizard((s) => s.vaultStatus)
  const vaultError = useWizard((s) => s.vaultError)
  const save = useWizard((s) => s.saveClientSecret)
  const clear = useWizard((s) => s.clearClientSecret)
  const answerWeak = useWizard((s) => s.answerWeakStorage)
  const problems = useRuleProblems().client_secret
  const setSecretTyped = useWizard((s) => s.setSecretTyped)
  const draftId = useWizard((s) => s.draftId)
  const [value, setValue] = useState('')
  const [replacing, setReplacing] = useState(false)
  const isSet = status?.set === true
  const editing = !isSet || replacing
  const valid = value.length >= 3 && value.length <= 255
  // The typed value, for the save when the field goes away (another step) before it was left.
  const pending = useRef('')
  // The draft it is typed for: a draft switch unmounts the field after the next draft is on screen.
  const typedFor = useRef(draftId)
  const type = (v: string): void => {
    pending.current = v
    setValue(v)
  }

  const submit = async (): Promise<void> => {
    const v = pending.current
    if (v === '' || v.length < 3 || v.length > 255) return
    pending.current = ''
    if (await save(v)) {
      setValue('')
      setReplacing(false)
    }
  }
  useEffect(() => {
    setSecretTyped(valid)
  }, [valid, setSecretTyped])
  useEffect(
    () => () => {
      const v = pending.current
      if (v.length >= 3 && v.length <= 255) void save(v, typedFor.current)
      setSecretTyped(false)
    },
    [save, setSecretTyped]
  )

  return (
    <Flex direction="column" gap="2">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <Text as="label" htmlFor="client_secret" size="2" weight="medium">
            Client Secret <Text color="gray">(required)</Text>
          </Text>
          <Text as="p" id="client_secret-desc" size="1" color="gray">
            Stored as soon as you leave the field (or press Enter); this page never sees it again. 3–255 characters (the panel’s rule).
          </Text>
          <Flex gap="2" mt="1">
            <Box flexGrow="1">
              <TextField.Root
                id="client_secret"
                data-testid="field-client_secret"
                type="password"
                value={value}
                onChange={(e) => type(e.target.value)}
                onBlur={() => void submit()}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={problems?.length ? 'client_secret-desc client_secret-problems' : 'client_secret-desc'}
                aria-invalid={value !== '' && (value.length < 3 || value.length > 255) ? true : undefined}
              />
            </Box>
            {replacing ? (
              <Button
                type="button"
                variant="soft"
                color="gray"
                data-testid="secret-replace-cancel"
                onClick={() => {
                  type('')
                  setReplacing(false)
                }}
              >
                Keep the current one
              </Button>
            ) : null}
          </Flex>
          {value !== '' && (value.length < 3 || value.length > 255) ? (
            <Text as="p" size="1" color="amber" highContrast mt="1">
              The panel accepts a client secret of 3 to 255 characters; this one has {value.length}.
            </Text>
          ) : null}
        </form>
      ) : (
        <Box>
          <Text as="p" size="2" weight="medium">
            Client Secret
          </Text>
          <Flex gap="2" align="center" mt="1">
            <Badge highContrast color="green" data-testid="secret-status">
              Set
            </Badge>
            <Button type="button" size="1" variant="soft" data-testid="secret-replace" onClick={() => setReplacing(true)}>
              Replace
            </Button>
            <Button type="button" size="1" variant="soft" color="red" data-testid="secret-clear" onClick={() => void clear()}>
              Clear
            </Button>
          </Flex>
        </Box>
      )}
      <FieldProblems id="client_secret-problems" label="Client Secret" problems={problems} />
      {status ? (
        <Callout.Root highContrast size="1" color={status.kind === 'os-keychain' ? 'gray' : 'amber'} data-testid="secret-storage-notice">
          <Callout.Text>{status.description}</Callout.Text>
        </Callout.Root>
      ) : null}
      {status?.kind === 'weak-keychain' && status.weak_consent === null && isSet ? (
        <Callout.Root highContrast size="1" color="amber" data-testid="weak-storage-question">
          <Callout.Text>
            Save the secret to disk anyway, protected only by a fixed key? Without it, you will type it again after restarting the
            assistant.
          </Callout.Text>
          <Flex gap="2" mt="2">
            <Button type="button" size="1" data-testid="weak-storage-allow" onClick={() => void answerWeak(true)}>
              Save to disk
            </Button>
            <Button type="button" size="1" variant="soft" data-testid="weak-storage-deny" onClick={() => void answerWeak(false)}>
              Keep in memory only
            </Button>
          </Flex>
        </Callout.Root>
      ) : null}
      {vaultError ? <ErrorCallout error={vaultError} testId="secret-error" /> : null}
    </Flex>
  )
}
