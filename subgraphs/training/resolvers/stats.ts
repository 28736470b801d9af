import { whenAndWhere } from '../../../domain/dimensions';
import { enumDimension } from '../../../kit/stats/dimension';
import { defineStatistic } from '../../../kit/stats/statistic';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { Programme, WorkshopTopic } from '../entities/enums';
import { Commune, Province } from '../entities/references';
import { Workshop, WorkshopAttendance } from '../entities/workshop';

/** `trainingStats`, declared once: enrolments by their course's start, commune and programme. */
export const trainingStats = defineStatistic({
  field: 'trainingStats',
  typeName: 'Training',
  description:
    'Enrolments, completions and job outcomes (placed within 3 months) grouped by any combination of dimensions; one SQL GROUP BY.',
  entity: Enrollment,
  joins: [{ entity: Course, alias: 'c', on: ['t.course_id', 'c.id'] }],
  period: { column: 'c.start_date', description: 'course start dates' },
  dimensions: {
    ...whenAndWhere({
      date: 'c.start_date',
      what: "the course's start",
      commune: 't.commune_code',
      Commune: () => Commune,
      Province: () => Province,
    }),
    PROGRAMME: enumDimension(Programme, 'c.programme', 'programmes', 'SENCE programme.'),
  },
  measures: {
    enrollments: { sql: 'count(*)', people: true, records: { id: 't.id' }, description: 'Enrolments (perturbed where `perturbed`).' },
    completions: {
      sql: "sum(case when t.status = 'COMPLETED' then 1 else 0 end)",
      people: true,
      records: { id: 't.id', when: "t.status = 'COMPLETED'" },
      description: 'Completions (perturbed where `perturbed`).',
    },
    placedWithin3Months: {
      sql: 'sum(case when t.placed_at is not null then 1 else 0 end)',
      people: true,
      records: { id: 't.id', when: 't.placed_at is not null' },
      description: 'Completers placed within 3 months after completing (perturbed where `perturbed`).',
    },
  },
  ratios: {
    completionRate: { of: 'completions', per: 'enrollments', description: 'completions / enrollments.' },
    placementRate: { of: 'placedWithin3Months', per: 'completions', description: 'placedWithin3Months / completions.' },
  },
});

/** `workshopStats`, declared once: workshops held (not people) and their attendance. */
export const workshopStats = defineStatistic({
  field: 'workshopStats',
  typeName: 'Workshop',
  description: 'Job-readiness workshops and their attendance, grouped; one SQL GROUP BY.',
  entity: Workshop,
  joins: [{ entity: WorkshopAttendance, alias: 'a', on: ['a.workshop_id', 't.id'], left: true }],
  period: { column: 't.date', description: 'workshop dates' },
  dimensions: {
    ...whenAndWhere({ date: 't.date', what: 'the workshop', commune: 't.commune_code', Commune: () => Commune, Province: () => Province }),
    TOPIC: enumDimension(WorkshopTopic, 't.topic', 'topics', 'Topic.'),
  },
  measures: {
    workshops: { sql: 'count(distinct t.id)', people: false, description: 'Workshops held (not people: never suppressed).' },
    attendance: { sql: 'count(a.id)', people: true, records: { id: 'a.id' }, description: 'Attendances (perturbed where `perturbed`).' },
  },
});
