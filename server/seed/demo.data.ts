import type { Role } from '../../common/roles'

/** Clearly fictitious: names from common Belgian name lists, notes that say they are invented. */
export const DEMO_PASSWORD = 'demo-parcours-2026'
export const DEMO_DOMAIN = 'demo.parcours.test'

export const DEMO_TEAMS = ['Équipe Bruxelles', 'Équipe Wallonie'] as const

export const DEMO_USERS: { email: string; name: string; roles: Role[]; teams: number[] }[] = [
  { email: `accueil@${DEMO_DOMAIN}`, name: 'Nadia Accueil', roles: ['intake'], teams: [0] },
  { email: `intervenant@${DEMO_DOMAIN}`, name: 'Samir Intervenant', roles: ['worker'], teams: [0] },
  { email: `intervenante@${DEMO_DOMAIN}`, name: 'Claire Intervenante', roles: ['worker'], teams: [1] },
  { email: `responsable@${DEMO_DOMAIN}`, name: 'Luc Responsable', roles: ['lead'], teams: [0] },
  { email: `partenaire@${DEMO_DOMAIN}`, name: 'Inge Partenaire', roles: ['partner'], teams: [] },
  { email: `recherche@${DEMO_DOMAIN}`, name: 'Hélène Recherche', roles: ['researcher'], teams: [] },
  { email: `dpo@${DEMO_DOMAIN}`, name: 'Marc Protection', roles: ['dpo'], teams: [] },
  { email: `admin@${DEMO_DOMAIN}`, name: 'Alice Admin', roles: ['admin'], teams: [] },
  // The second team's lead, who approves its closures; its past year is the demo's figures (past-year.seed.ts).
  { email: `responsable.wallonie@${DEMO_DOMAIN}`, name: 'Sophie Responsable', roles: ['lead'], teams: [1] },
]

type DemoPerson = {
  firstName: string
  lastName: string
  birthDate?: string
  birthYear?: number
  gender: 'female' | 'male' | 'non_binary' | 'unknown'
  languages: ('fr' | 'nl' | 'de' | 'en' | 'ar' | 'tr' | 'other')[]
  postcode: string
  phone?: string
  notes: string
  by: number
}

const FICTION = '(Personne fictive — données de démonstration.)'

export const DEMO_PERSONS: DemoPerson[] = [
  {
    firstName: 'Mohammed',
    lastName: 'Benali',
    birthYear: 2004,
    gender: 'male',
    languages: ['fr', 'ar'],
    postcode: '1080',
    notes: `Contact initial par sa mère, inquiète de ses fréquentations en ligne. ${FICTION}`,
    by: 0,
  },
  {
    firstName: 'Julien',
    lastName: 'Dupont',
    birthDate: '1998-03-14',
    gender: 'male',
    languages: ['fr'],
    postcode: '6000',
    phone: '+32 470 00 00 01',
    notes: `Orienté par la maison de justice de Charleroi. ${FICTION}`,
    by: 1,
  },
  {
    firstName: 'Lotte',
    lastName: 'Van den Berg',
    birthYear: 2001,
    gender: 'female',
    languages: ['nl', 'fr'],
    postcode: '1000',
    notes: `Souhaite reprendre une formation. ${FICTION}`,
    by: 1,
  },
  {
    firstName: 'Yasmina',
    lastName: 'El Amrani',
    birthDate: '2006-11-02',
    gender: 'female',
    languages: ['fr', 'ar'],
    postcode: '1030',
    notes: `Mineure ; représentante légale : sa tante. ${FICTION}`,
    by: 0,
  },
  {
    firstName: 'Kevin',
    lastName: 'Janssens',
    birthYear: 1995,
    gender: 'male',
    languages: ['nl'],
    postcode: '1070',
    notes: `Suivi après une condamnation avec sursis probatoire. ${FICTION}`,
    by: 1,
  },
  {
    firstName: 'Thomas',
    lastName: 'Schmitz',
    birthYear: 2003,
    gender: 'male',
    languages: ['de', 'fr'],
    postcode: '4700',
    notes: `Signalé par son école à Eupen. ${FICTION}`,
    by: 2,
  },
  {
    firstName: 'Sarah',
    lastName: 'Lambert',
    birthDate: '1989-07-21',
    gender: 'female',
    languages: ['fr'],
    postcode: '5000',
    notes: `Proche : sœur d'une personne concernée. ${FICTION}`,
    by: 2,
  },
  {
    firstName: 'Youssef',
    lastName: 'Aït Saïd',
    birthYear: 2000,
    gender: 'male',
    languages: ['fr', 'ar', 'nl'],
    postcode: '1210',
    notes: `Se présente spontanément ; veut « tourner la page ». ${FICTION}`,
    by: 1,
  },
  {
    firstName: 'Emma',
    lastName: 'Peeters',
    birthYear: 2005,
    gender: 'female',
    languages: ['nl', 'en'],
    postcode: '1050',
    notes: `Éducatrice de rue demandant un conseil. ${FICTION}`,
    by: 0,
  },
  {
    firstName: 'Inès',
    lastName: 'Haddad',
    birthDate: '1999-01-30',
    gender: 'female',
    languages: ['fr'],
    postcode: '4000',
    notes: `Libération conditionnelle depuis trois mois. ${FICTION}`,
    by: 2,
  },
  {
    firstName: 'Marie',
    lastName: 'Dubois',
    birthYear: 1976,
    gender: 'female',
    languages: ['fr'],
    postcode: '7000',
    notes: `Mère inquiète pour son fils. ${FICTION}`,
    by: 0,
  },
  {
    firstName: 'Oussama',
    lastName: 'Chaouki',
    birthYear: 2002,
    gender: 'male',
    languages: ['fr', 'ar'],
    postcode: '1060',
    notes: `Bracelet électronique ; rendez-vous au bureau. ${FICTION}`,
    by: 1,
  },
]
