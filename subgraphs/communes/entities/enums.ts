import { registerEnumType } from 'type-graphql';

export enum AttentionKind {
  REGISTRATION = 'REGISTRATION',
  ORIENTATION = 'ORIENTATION',
  JOB_SEARCH_ADVICE = 'JOB_SEARCH_ADVICE',
}
registerEnumType(AttentionKind, {
  name: 'AttentionKind',
  description:
    'REGISTRATION: registering as a job seeker (BNE); ORIENTATION: individual labour orientation; JOB_SEARCH_ADVICE: job-search advice.',
});

export enum RecordStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RecordStatus, {
  name: 'RecordStatus',
  description: 'CANCELLED records keep their row and reason; lists and statistics leave them out.',
});

export enum VisitPurpose {
  LINKING = 'LINKING',
  VACANCY_CAPTURE = 'VACANCY_CAPTURE',
  FOLLOW_UP = 'FOLLOW_UP',
  TRAINING_NEEDS = 'TRAINING_NEEDS',
}
registerEnumType(VisitPurpose, {
  name: 'VisitPurpose',
  description:
    'LINKING: first contact and linking with the OMIL; VACANCY_CAPTURE: asking for vacancies; FOLLOW_UP: following placed people; TRAINING_NEEDS: surveying training needs.',
});

/** The FOMIL indicators with goals kept here; placement goals stay in the placements subgraph. */
export enum Indicator {
  PEOPLE_ATTENDED = 'PEOPLE_ATTENDED',
  ORIENTATIONS = 'ORIENTATIONS',
  EMPLOYER_VISITS = 'EMPLOYER_VISITS',
  VACANCIES_CAPTURED = 'VACANCIES_CAPTURED',
  JOB_FAIRS = 'JOB_FAIRS',
}
registerEnumType(Indicator, {
  name: 'Indicator',
  description:
    'A FOMIL service indicator with a yearly goal: PEOPLE_ATTENDED (distinct persons with an attention), ORIENTATIONS (orientation attentions), EMPLOYER_VISITS, VACANCIES_CAPTURED, JOB_FAIRS. Placement goals are in placementStats.',
});
