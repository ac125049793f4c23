import { useEffect } from 'react'
import { useWizard } from '../store'

/** Asks the vault whether this draft's client secret is set, whenever another draft comes on screen. */
export function useSecretStatus(): void {
  const draftId = useWizard((s) => s.draftId)
  const refreshSecretStatus = useWizard((s) => s.refreshSecretStatus)
  useEffect(() => {
    void refreshSecretStatus()
  }, [draftId, refreshSecretStatus])
}
