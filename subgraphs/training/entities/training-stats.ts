import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Programme, WorkshopTopic } from './enums';
import { Commune, Province } from './references';

export enum TrainingDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  PROGRAMME = 'PROGRAMME',
}
registerEnumType(TrainingDimension, { name: 'TrainingDimension', description: "What `trainingStats` can group by (year and month of the course's start; its commune)." });

export enum WorkshopDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  TOPIC = 'TOPIC',
}
registerEnumType(WorkshopDimension, { name: 'WorkshopDimension', description: 'What `workshopStats` can group by.' });

@ObjectType({ description: 'One cell of `trainingStats`. People counts under 5 are suppressed except for analysts and admins.' })
export class TrainingStatsRow {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) month?: number | null;
  @Field(() => Commune, { nullable: true }) commune?: Commune | null;
  @Field(() => Province, { nullable: true }) province?: Province | null;
  @Field(() => Programme, { nullable: true }) programme?: Programme | null;

  @Field(() => Int, { nullable: true }) enrollments!: number | null;
  @Field(() => Int, { nullable: true }) completions!: number | null;
  @Field(() => Float, { nullable: true, description: 'completions / enrollments.' }) completionRate!: number | null;
  @Field(() => Int, { nullable: true, description: 'Completers placed within 3 months after completing.' }) placedWithin3Months!: number | null;
  @Field(() => Float, { nullable: true, description: 'placedWithin3Months / completions.' }) placementRate!: number | null;
  @Field({ description: 'True when any count of the cell is suppressed.' }) suppressed!: boolean;
}

@ObjectType({ description: 'One cell of `workshopStats`.' })
export class WorkshopStatsRow {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) month?: number | null;
  @Field(() => Commune, { nullable: true }) commune?: Commune | null;
  @Field(() => Province, { nullable: true }) province?: Province | null;
  @Field(() => WorkshopTopic, { nullable: true }) topic?: WorkshopTopic | null;

  @Field(() => Int, { description: 'Workshops held (not people: never suppressed).' }) workshops!: number;
  @Field(() => Int, { nullable: true, description: 'Attendances; null when suppressed.' }) attendance!: number | null;
  @Field() suppressed!: boolean;
}
