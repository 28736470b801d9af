import { registerEnumType } from 'type-graphql';

export enum Programme {
  BECAS_LABORALES = 'BECAS_LABORALES',
  FORMATE_PARA_EL_TRABAJO = 'FORMATE_PARA_EL_TRABAJO',
  DESPEGA_MIPE = 'DESPEGA_MIPE',
  OTHER = 'OTHER',
}
registerEnumType(Programme, { name: 'Programme', description: 'SENCE training programme.' });

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  COMPLETED = 'COMPLETED',
  DROPPED = 'DROPPED',
}
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });

export enum WorkshopTopic {
  CV = 'CV',
  INTERVIEW = 'INTERVIEW',
  JOB_SEARCH = 'JOB_SEARCH',
}
registerEnumType(WorkshopTopic, {
  name: 'WorkshopTopic',
  description: 'Job-readiness workshop (taller de apresto) topic: CV, interview, job-search techniques.',
});
