import crypto from 'node:crypto'
import type { Services } from '../http/context'
import { hashPassword } from '../security/passwords'
import { createUser } from '../modules/users/users.commands'
import { createPerson } from '../modules/persons/persons.commands'
import { PersonInput } from '../../common/contracts/persons.contracts'
import { DEMO_PASSWORD, DEMO_PERSONS, DEMO_TEAMS, DEMO_USERS } from './demo.data'
import { systemContext } from './system-context'
import { seedCasework } from './casework.seed'
import { seedContacts } from './contacts.seed'
import { seedInstruments } from './instruments.seed'
import { seedNetwork } from './network.seed'
import { seedPartners } from './partners.seed'
import { seedPlanAndTrajectory } from './plan-trajectory.seed'
import { seedPastYear } from './past-year.seed'
import { seedProgressCohort } from './progress-cohort.seed'
import { seedContactReferral, seedReferrals } from './referrals.seed'
import { seedSheets } from './sheets.seed'
import { seedStudies } from './studies.seed'

export async function hasAnyUser(services: Services): Promise<boolean> {
  return !!(await services.db.selectFrom('users').select('id').limit(1).executeTakeFirst())
}

/** Demo teams, one account per role, a dozen fictitious persons and their casework; refused in production. */
export async function seedDemo(services: Services): Promise<void> {
  if (services.config.env === 'production') throw new Error('demo data is refused in production')
  const ctx = await systemContext(services, null, 'seed-demo')
  const now = new Date().toISOString()
  const hashed = await hashPassword(DEMO_PASSWORD)
  const userIds = await ctx.write('seed.demo', async (trx, audit) => {
    const teamIds: string[] = []
    for (const name of DEMO_TEAMS) {
      const id = crypto.randomUUID()
      await trx.insertInto('teams').values({ id, name, created_at: now }).execute()
      teamIds.push(id)
    }
    const ids: string[] = []
    for (const u of DEMO_USERS) {
      const teams = u.teams.map((i) => teamIds[i] as string)
      const { id } = await createUser(trx, { email: u.email, displayName: u.name, roles: u.roles, teamIds: teams }, now, hashed)
      ids.push(id)
    }
    audit.detail({ teams: teamIds.length, users: ids.length })
    return ids
  })
  for (const p of DEMO_PERSONS) {
    const author = await systemContext(services, userIds[p.by] as string, 'seed-demo')
    await author.write('person.created', async (trx, audit) => {
      const id = await createPerson(author, trx, PersonInput.parse(p))
      audit.subject('person', id)
    })
  }
  await seedCasework(services)
  await seedNetwork(services)
  await seedPlanAndTrajectory(services)
  await seedInstruments(services)
  // Sheets first: the demo contacts record sheets given.
  await seedSheets(services)
  await seedContacts(services)
  await seedPartners(services)
  await seedReferrals(services)
  await seedContactReferral(services)
  await seedStudies(services)
  await seedPastYear(services, await seedProgressCohort(services))
}
