import type { ContractType, Education, Sex } from '../domain/classifications';
import type { AttentionKind, Indicator, VisitPurpose } from '../subgraphs/communes/entities/enums';
import type { EmployerSize, VacancyStatus } from '../subgraphs/employers/entities/enums';
import type { EnrollmentStatus, Programme, WorkshopTopic } from '../subgraphs/training/entities/enums';

/**
 * The rows of the synthetic network, with the ids every subgraph shares. They hold the facts of
 * each record only: what a subgraph snapshots from another's record (a placement's sex and age
 * band, its sector, a vacancy's commune) its own seed derives.
 */
export interface PersonSeed {
  id: number;
  rut: string;
  firstName: string;
  lastName: string;
  secondLastName: string;
  birthDate: string;
  sex: Sex;
  education: Education;
  residenceCommuneCode: string;
  omilCommuneCode: string;
  registeredAt: string;
  bneRegistered: boolean;
  phone: string;
  email: string;
  disabilityConsent: boolean;
  disability: boolean | null;
}
export interface EmployerSeed {
  id: number;
  rut: string;
  name: string;
  sector: string;
  ciiuClass: string;
  size: EmployerSize;
  communeCode: string;
}
export interface VacancySeed {
  id: number;
  employerId: number;
  title: string;
  occupationCode: string;
  positions: number;
  contractType: ContractType;
  wageMin: number;
  wageMax: number;
  openedAt: string;
  closedAt: string | null;
  status: VacancyStatus;
}
export interface PlacementSeed {
  id: number;
  communeCode: string;
  startDate: string;
  occupationCode: string;
  contractType: ContractType;
  personId: number;
  employerId: number;
  vacancyId: number | null;
}
/** A commune's placement goal of a year (its FOMIL agreement's). */
export interface GoalSeed {
  communeCode: string;
  year: number;
  goal: number;
}
export interface ProviderSeed {
  id: number;
  rut: string;
  name: string;
}
export interface CourseSeed {
  id: number;
  senceCode: string;
  name: string;
  programme: Programme;
  providerId: number;
  communeCode: string;
  hours: number;
  startDate: string;
  endDate: string;
  seats: number;
}
export interface EnrollmentSeed {
  id: number;
  personId: number;
  courseId: number;
  status: EnrollmentStatus;
  enrolledAt: string;
  completedAt: string | null;
}
export interface WorkshopSeed {
  id: number;
  communeCode: string;
  date: string;
  topic: WorkshopTopic;
}
export interface AttendanceSeed {
  id: number;
  workshopId: number;
  personId: number;
}

/** An OMIL attention; `cancelReason` set on the few recorded by mistake and cancelled. */
export interface AttentionSeed {
  id: number;
  personId: number;
  communeCode: string;
  date: string;
  kind: AttentionKind;
  cancelReason: string | null;
}
export interface EmployerVisitSeed {
  id: number;
  employerId: number;
  communeCode: string;
  date: string;
  purpose: VisitPurpose;
}
export interface VacancyCaptureSeed {
  id: number;
  vacancyId: number;
  communeCode: string;
  date: string;
}
export interface JobFairSeed {
  id: number;
  communeCode: string;
  name: string;
  date: string;
  place: string;
  employerIds: number[];
  vacancyIds: number[];
  personIds: number[];
}
/** A commune's FOMIL goal of a year for one service indicator. */
export interface IndicatorGoalSeed {
  communeCode: string;
  year: number;
  indicator: Indicator;
  goal: number;
}

export interface Network {
  scale: number;
  persons: PersonSeed[];
  employers: EmployerSeed[];
  vacancies: VacancySeed[];
  placements: PlacementSeed[];
  goals: GoalSeed[];
  providers: ProviderSeed[];
  courses: CourseSeed[];
  enrollments: EnrollmentSeed[];
  workshops: WorkshopSeed[];
  attendance: AttendanceSeed[];
  attentions: AttentionSeed[];
  employerVisits: EmployerVisitSeed[];
  vacancyCaptures: VacancyCaptureSeed[];
  jobFairs: JobFairSeed[];
  indicatorGoals: IndicatorGoalSeed[];
}
