import { Badge, Box, Button, Callout, Flex, Heading, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import { useWizard } from '../../store'
import type { DraftSummary } from '../../store/drafts-slice'
import { ErrorCallout } from '../ErrorCallout'

/** The saved drafts, newest first: open, copy, rename, delete. */
export function DraftList() {
  const drafts = useWizard((s) => s.drafts)
  const setAside = useWizard((s) => s.setAside)
  const error = useWizard((s) => s.draftsError)
  const currentId = useWizard((s) => s.draftId)
  if (!drafts?.length && !setAside.length && !error) return null
  return (
    <Box>
      <Heading as="h3" size="3" mb="2">
        Your drafts
      </Heading>
      {error ? <ErrorCallout error={error} testId="drafts-error" /> : null}
      {setAside.map((x) => (
        <Callout.Root key={x.file} color="amber" size="1" mb="2" data-testid="draft-set-aside">
          <Callout.Text>{x.message}</Callout.Text>
        </Callout.Root>
      ))}
      <Flex direction="column" gap="2" asChild>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="draft-list">
          {(drafts ?? []).map((d) => (
            <DraftRow key={d.id} draft={d} current={d.id === currentId} />
          ))}
        </ul>
      </Flex>
    </Box>
  )
}

/** One saved draft and what can be done with it. */
function DraftRow({ draft, current }: { draft: DraftSummary; current: boolean }) {
  const openDraft = useWizard((s) => s.openDraft)
  const duplicateDraft = useWizard((s) => s.duplicateDraft)
  const renameDraft = useWizard((s) => s.renameDraft)
  const deleteDraft = useWizard((s) => s.deleteDraft)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const id = draft.id
  return (
    <li data-testid={`draft-${id}`}>
      <Flex gap="3" align="center" wrap="wrap" justify="between">
        <Box>
          {renaming === null ? (
            <Text weight="bold" data-testid={`draft-title-${id}`}>
              {draft.title}
            </Text>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void renameDraft(id, renaming)
                setRenaming(null)
              }}
            >
              <Flex gap="2" align="center">
                <Text as="label" size="2" htmlFor={`rename-${id}`}>
                  New name
                </Text>
                <TextField.Root
                  id={`rename-${id}`}
                  size="1"
                  value={renaming}
                  autoFocus
                  onChange={(e) => setRenaming(e.target.value)}
                  data-testid={`draft-rename-input-${id}`}
                />
                <Button size="1" type="submit" data-testid={`draft-rename-save-${id}`}>
                  Save
                </Button>
                <Button size="1" type="button" variant="soft" color="gray" onClick={() => setRenaming(null)}>
                  Cancel
                </Button>
              </Flex>
            </form>
          )}
          <Text as="p" size="1" color="gray">
            {draft.host ?? 'no provider yet'} · changed {new Date(draft.updated).toLocaleString()}
            {current ? (
              <>
                {' '}
                <Badge size="1">open</Badge>
              </>
            ) : null}
          </Text>
        </Box>
        <Flex gap="2">
          <Button
            size="1"
            onClick={() => void openDraft(id)}
            disabled={current}
            data-testid={`draft-open-${id}`}
            aria-label={`Open ${draft.title}`}
          >
            Open
          </Button>
          <Button
            size="1"
            variant="soft"
            onClick={() => void duplicateDraft(id)}
            data-testid={`draft-duplicate-${id}`}
            aria-label={`Duplicate ${draft.title}`}
          >
            Duplicate
          </Button>
          <Button
            size="1"
            variant="soft"
            onClick={() => setRenaming(draft.title)}
            data-testid={`draft-rename-${id}`}
            aria-label={`Rename ${draft.title}`}
          >
            Rename
          </Button>
          {confirmDelete ? (
            <Button
              size="1"
              color="red"
              onClick={() => void deleteDraft(id)}
              onBlur={() => setConfirmDelete(false)}
              autoFocus
              data-testid={`draft-delete-confirm-${id}`}
            >
              Really delete?
            </Button>
          ) : (
            <Button
              size="1"
              variant="soft"
              color="red"
              onClick={() => setConfirmDelete(true)}
              data-testid={`draft-delete-${id}`}
              aria-label={`Delete ${draft.title}`}
            >
              Delete
            </Button>
          )}
        </Flex>
      </Flex>
    </li>
  )
}
