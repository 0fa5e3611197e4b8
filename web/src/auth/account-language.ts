import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Language } from '../../../common/roles'
import { api } from '../api/client'
import type { Me } from '../api/types'
import { currentLanguage, switchLanguage } from '../i18n'
import { ME_KEY, useMe } from './use-me'

/**
 * The account's language (issue 12), kept on the server: chosen on the account page or with the
 * header's switch while signed in, and applied at sign-in, so that it follows the user from one
 * computer to the next. An account that never chose keeps the language of the browser it signs in on.
 */
export async function applyAccountLanguage(me: Me | null): Promise<void> {
  if (!me || me.sessionState !== 'active' || !me.language || me.language === currentLanguage()) return
  await switchLanguage(me.language).catch(() => undefined)
}

/**
 * Switches the interface at once and, for a signed-in user, stores the choice on their account.
 * Signed out (the sign-in page), the choice stays with this browser only.
 */
export function useChooseLanguage() {
  const client = useQueryClient()
  const me = useMe()
  const signedIn = me.data?.sessionState === 'active'
  const store = useMutation({
    mutationFn: (language: Language) => api.put('/api/me/language', { body: { language } }),
    // The choice shows at once (the account page's radio), and goes back if the server refuses.
    onMutate: (language) => {
      const before = client.getQueryData<Me | null>(ME_KEY)
      client.setQueryData(ME_KEY, (old: Me | null | undefined) => (old ? { ...old, language } : old))
      return { before }
    },
    onError: (_error, _language, context) => client.setQueryData(ME_KEY, context?.before),
  })
  return {
    choose: async (language: Language) => {
      const stored = signedIn ? store.mutateAsync(language) : Promise.resolve()
      await Promise.all([switchLanguage(language), stored])
    },
    store,
  }
}
