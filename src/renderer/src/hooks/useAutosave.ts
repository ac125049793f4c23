import { useEffect } from 'react'
import { useWizard } from '../store'
import { needsSave, touchesSavedFields } from '../store/autosave-slice'

/** How long the wizard waits after the last change before writing the draft. */
const AUTOSAVE_DELAY_MS = 600

/**
 * Autosave: every change of the draft (fields, step, userinfo, preset answers) is written
 * through `drafts:save` once the admin pauses; leaving the page flushes at once. A fresh,
 * untouched draft is never written, so opening the app leaves no empty drafts behind.
 */
export function useAutosave(): void {
  useEffect(() => {
    useWizard.getState().markSaved()
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = (): void => {
      if (timer) clearTimeout(timer)
      timer = null
      if (needsSave(useWizard.getState())) void useWizard.getState().saveDraftNow()
    }
    const unsubscribe = useWizard.subscribe((s, prev) => {
      if (!touchesSavedFields(s, prev) || !needsSave(s)) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS)
    })
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') flush()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('pagehide', flush)
    return () => {
      unsubscribe()
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('pagehide', flush)
      if (timer) clearTimeout(timer)
    }
  }, [])
}
