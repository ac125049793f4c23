import { Text } from '@radix-ui/themes'
import { useWizard } from '../store'

/** "Saved 10:42" next to the title; an autosave failure says why (the draft stays on screen). */
export function AutosaveStatus() {
  const a = useWizard((s) => s.autosave)
  const text =
    a.state === 'saving'
      ? 'Saving draft…'
      : a.state === 'error'
        ? `Draft not saved: ${a.error?.message ?? 'unknown error'}`
        : a.at
          ? `Draft saved ${new Date(a.at).toLocaleTimeString()}`
          : ''
  return (
    <Text size="1" color={a.state === 'error' ? 'red' : 'gray'} role="status" aria-live="polite" data-testid="autosave-status">
      {text}
    </Text>
  )
}
