import { useEffect } from 'react'

/**
 * The signed-in app shows beliefs, judicial records and family lives: a browser's "translate this
 * page" would send them to a translation service outside the organisation. The app speaks the
 * service's four languages itself, so while it is on screen the page asks browsers not to
 * translate it. The public pages, with nothing personal on them, may still be translated.
 */
export function useNoMachineTranslation(): void {
  useEffect(() => {
    const html = document.documentElement
    html.setAttribute('translate', 'no')
    const meta = document.createElement('meta')
    meta.name = 'google'
    meta.content = 'notranslate'
    document.head.append(meta)
    return () => {
      html.removeAttribute('translate')
      meta.remove()
    }
  }, [])
}
