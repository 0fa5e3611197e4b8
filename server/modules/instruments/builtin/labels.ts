import type { LifeDomain } from '../../../../common/contracts/desistance.contracts'
import type { Labels } from '../../../../common/contracts/instruments.contracts'

/** Labels in the service's four languages, in a fixed order: French, Dutch, German, English. */
export const L = (fr: string, nl: string, de: string, en: string): Labels => ({ fr, nl, de, en })

/** The life domains as the built-in instruments name them (the web app's `lifeDomains.*`). */
export const DOMAIN_LABELS: Record<LifeDomain, Labels> = {
  schooling: L('Scolarité et formation', 'School en opleiding', 'Schule und Ausbildung', 'Schooling and training'),
  employment: L('Emploi', 'Werk', 'Arbeit', 'Employment'),
  housing: L('Logement', 'Huisvesting', 'Wohnen', 'Housing'),
  family: L('Famille', 'Gezin', 'Familie', 'Family'),
  relationships: L('Relations', 'Relaties', 'Beziehungen', 'Relationships'),
  health: L('Santé et bien-être', 'Gezondheid en welzijn', 'Gesundheit und Wohlbefinden', 'Health and well-being'),
  leisure: L('Loisirs', 'Vrije tijd', 'Freizeit', 'Leisure'),
  identity: L('Identité et sens', 'Identiteit en zingeving', 'Identität und Sinn', 'Identity and meaning'),
  citizenship: L(
    'Citoyenneté et situation juridique',
    'Burgerschap en juridische situatie',
    'Bürgerschaft und Rechtslage',
    'Citizenship and legal situation',
  ),
  violence: L('Rapport à la violence', 'Verhouding tot geweld', 'Verhältnis zur Gewalt', 'Relationship to violence'),
}
