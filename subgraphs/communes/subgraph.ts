import { idStubReference } from '../../kit/references';
import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Attention } from './entities/attention';
import { Commune } from './entities/commune';
import { EmployerVisit } from './entities/employer-visit';
import { FomilAgreement } from './entities/fomil-agreement';
import { IndicatorGoal } from './entities/indicator-goal';
import { JobFair, JobFairAttendance, JobFairEmployer, JobFairVacancy } from './entities/job-fair';
import { OmilOffice } from './entities/omil-office';
import { EmployerProjection, PersonProjection, VacancyProjection } from './entities/projections';
import { Province } from './entities/province';
import { Region } from './entities/region';
import { VacancyCapture } from './entities/vacancy-capture';
import { communesConsumers } from './events';
import { attentionsImport } from './imports';
import { communesLoaders } from './loaders';
import { migrations } from './migrations';
import { CommuneResolver, communeReference } from './resolvers/commune';
import { FomilAgreementResolver } from './resolvers/fomil-agreement';
import { ProvinceResolver, provinceReference } from './resolvers/province';
import { RegionResolver, regionReference } from './resolvers/region';
import {
  AttentionResolver,
  CommuneGoalsResolver,
  EmployerVisitResolver,
  IndicatorGoalResolver,
  JobFairAttendanceResolver,
  JobFairEmployerResolver,
  JobFairResolver,
  JobFairVacancyResolver,
  PersonServicesResolver,
  RegionGoalsResolver,
  VacancyCaptureResolver,
} from './resolvers/services';
import { ServiceWritesResolver } from './resolvers/service-writes';
import { attentionStats, employerVisitStats, jobFairStats, vacancyCaptureStats } from './resolvers/stats';
import { seedCommunes } from './seed';

export const communesSubgraph = defineSubgraph({
  name: 'communes',
  entities: [
    Region,
    Province,
    Commune,
    OmilOffice,
    FomilAgreement,
    IndicatorGoal,
    Attention,
    EmployerVisit,
    VacancyCapture,
    JobFair,
    JobFairEmployer,
    JobFairVacancy,
    JobFairAttendance,
    PersonProjection,
    EmployerProjection,
    VacancyProjection,
  ],
  migrations,
  resolvers: [
    RegionResolver,
    ProvinceResolver,
    CommuneResolver,
    FomilAgreementResolver,
    CommuneGoalsResolver,
    RegionGoalsResolver,
    IndicatorGoalResolver,
    AttentionResolver,
    EmployerVisitResolver,
    VacancyCaptureResolver,
    JobFairResolver,
    JobFairEmployerResolver,
    JobFairVacancyResolver,
    JobFairAttendanceResolver,
    PersonServicesResolver,
    ServiceWritesResolver,
  ],
  statistics: [attentionStats, employerVisitStats, vacancyCaptureStats, jobFairStats],
  references: {
    Region: regionReference,
    Province: provinceReference,
    Commune: communeReference,
    Person: idStubReference,
    Employer: idStubReference,
    Vacancy: idStubReference,
  },
  loaders: communesLoaders,
  seed: seedCommunes,
  events: communesConsumers,
  dataset: SYNTHETIC_NETWORK,
  imports: [attentionsImport],
});
