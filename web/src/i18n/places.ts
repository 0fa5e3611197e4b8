import { useTranslation } from 'react-i18next'

/**
 * The postcode list names provinces in French and regions in English; the interface shows them
 * in the user's language. An unknown name (a newer list) is shown as it comes.
 */
export const PROVINCES: Record<string, string> = {
  Anvers: 'antwerp',
  'Brabant Flamand': 'flemishBrabant',
  'Brabant Wallon': 'walloonBrabant',
  'Bruxelles (19 communes)': 'brussels',
  'Flandre-Occidentale': 'westFlanders',
  'Flandre-Orientale': 'eastFlanders',
  Hainaut: 'hainaut',
  Liège: 'liege',
  Limbourg: 'limburg',
  Luxembourg: 'luxembourg',
  Namur: 'namur',
}
export const REGIONS: Record<string, string> = { 'Brussels-Capital': 'brussels', Flanders: 'flanders', Wallonia: 'wallonia' }

export function usePlaceNames() {
  const { t } = useTranslation()
  return {
    province: (name: string) => (PROVINCES[name] ? t(`provinces.${PROVINCES[name]}`) : name),
    region: (name: string) => (REGIONS[name] ? t(`regions.${REGIONS[name]}`) : name),
  }
}
