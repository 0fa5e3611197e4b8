import type { z } from 'zod'
import type * as Accompaniments from '../../../common/contracts/accompaniments.contracts'
import type * as Audit from '../../../common/contracts/audit.contracts'
import type * as Auth from '../../../common/contracts/auth.contracts'
import type * as Sessions from '../../../common/contracts/case-sessions.contracts'
import type * as Persons from '../../../common/contracts/persons.contracts'
import type * as Tasks from '../../../common/contracts/tasks.contracts'
import type * as Users from '../../../common/contracts/users.contracts'

/** Types of the API contracts (`common/contracts`), as seen by the web app. */
export type Me = z.infer<typeof Auth.Me>
export type LoginResult = z.infer<typeof Auth.LoginResult>
export type MfaEnrolment = z.infer<typeof Auth.MfaEnrolment>

export type PersonView = z.infer<typeof Persons.PersonView>
export type PersonSummary = z.infer<typeof Persons.PersonSummary>
export type PersonSearchResult = z.infer<typeof Persons.PersonSearchResult>
/** The request body, before server-side defaults and transforms. */
export type PersonInput = z.input<typeof Persons.PersonInput>
export type Municipality = z.infer<typeof Persons.Municipality>
export type PostcodeList = z.infer<typeof Persons.PostcodeList>
export type Gender = (typeof Persons.GENDERS)[number]

export type UserView = z.infer<typeof Users.UserView>
export type UserList = z.infer<typeof Users.UserList>
export type CreateUserBody = z.input<typeof Users.CreateUserBody>
export type UpdateUserBody = z.infer<typeof Users.UpdateUserBody>
export type ActivationLink = z.infer<typeof Users.ActivationLink>
export type TeamView = z.infer<typeof Users.TeamView>
export type TeamList = z.infer<typeof Users.TeamList>

export type AuditEntryView = z.infer<typeof Audit.AuditEntryView>
export type AuditList = z.infer<typeof Audit.AuditList>
export type AuditQuery = z.input<typeof Audit.AuditQuery>
export type AuditVerification = z.infer<typeof Audit.AuditVerification>

export type AccompanimentView = z.infer<typeof Accompaniments.AccompanimentView>
export type AccompanimentSummary = z.infer<typeof Accompaniments.AccompanimentSummary>
export type AccompanimentList = z.infer<typeof Accompaniments.AccompanimentList>
export type CreateAccompanimentBody = z.input<typeof Accompaniments.CreateAccompaniment>
export type TimelineEvent = z.infer<typeof Accompaniments.TimelineEvent>
export type Timeline = z.infer<typeof Accompaniments.Timeline>
export type GrantView = z.infer<typeof Accompaniments.GrantView>
export type GrantList = z.infer<typeof Accompaniments.GrantList>
export type TeamMembers = z.infer<typeof Users.TeamMembers>
export type AccompanimentStatus = (typeof Accompaniments.STATUSES)[number]
export type AccompanimentKind = (typeof Accompaniments.ACCOMPANIMENT_KINDS)[number]
export type Outcome = (typeof Accompaniments.OUTCOMES)[number]

export type CaseSessionView = z.infer<typeof Sessions.CaseSessionView>
export type CaseSessionList = z.infer<typeof Sessions.CaseSessionList>
export type CaseSessionInput = z.input<typeof Sessions.CaseSessionInput>
export type TaskView = z.infer<typeof Tasks.TaskView>
export type TaskList = z.infer<typeof Tasks.TaskList>
export type TaskInput = z.input<typeof Tasks.TaskInput>
export type MyDay = z.infer<typeof Tasks.MyDay>
export type DocumentView = z.infer<typeof Accompaniments.DocumentView>
export type DocumentList = z.infer<typeof Accompaniments.DocumentList>
export type Dashboard = z.infer<typeof Accompaniments.Dashboard>
