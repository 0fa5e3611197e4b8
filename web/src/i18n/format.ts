import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../../common/roles'
import { makeFormat, type Format } from './formatters'
import { isLanguage } from './index'

export type { Format } from './formatters'

/** Date and number formatting in the user's language (Belgian conventions: see makeFormat). */
export function useFormat(): Format {
  const { i18n } = useTranslation()
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'fr'
  return useMemo(() => makeFormat(language), [language])
}
