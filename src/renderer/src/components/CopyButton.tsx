import { Button } from '@radix-ui/themes'
import { useState } from 'react'

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, testId, label }: { text: string; testId: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <Button
      type="button"
      size="1"
      variant="soft"
      data-testid={testId}
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1500)
          },
          () => undefined
        )
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  )
}
