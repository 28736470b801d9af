import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';
import { enrollmentsImport, workshopAttendanceImport } from './imports';
import { trainingLoaders } from './loaders';
import { migrations } from './migrations';
import { CourseResolver, courseReference } from './resolvers/course';
import { EnrollmentResolver } from './resolvers/enrollment';
import { ProviderResolver, providerReference } from './resolvers/provider';
import { idStubReference } from '../../kit/references';
import { CommuneTrainingResolver, communeReference, PersonTrainingResolver } from './resolvers/references';
import { WorkshopAttendanceResolver, WorkshopResolver, workshopReference } from './resolvers/workshop';
import { trainingStats, workshopStats } from './resolvers/stats';
import { seedTraining } from './seed';
import { PersonProjection } from './entities/person-projection';
import { PlacementStart } from './entities/placement-start';
import { trainingEvents } from './events';
import { TrainingWritesResolver } from './resolvers/training-writes';

export const trainingSubgraph = defineSubgraph({
  name: 'training',
  entities: [Provider, Course, Enrollment, Workshop, WorkshopAttendance, PersonProjection, PlacementStart],
  migrations,
  resolvers: [
    ProviderResolver,
    CourseResolver,
    EnrollmentResolver,
    WorkshopResolver,
    WorkshopAttendanceResolver,
    TrainingWritesResolver,
    CommuneTrainingResolver,
    PersonTrainingResolver,
  ],
  statistics: [trainingStats, workshopStats],
  references: {
    Provider: providerReference,
    Course: courseReference,
    Workshop: workshopReference,
    Commune: communeReference,
    Person: idStubReference,
  },
  loaders: trainingLoaders,
  seed: seedTraining,
  events: trainingEvents,
  dataset: SYNTHETIC_NETWORK,
  imports: [enrollmentsImport, workshopAttendanceImport],
});
