import { Entity, Enum, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Authorized, Directive, Field, ID, ObjectType, UseMiddleware } from 'type-graphql';
import { PERSONAL_DATA } from '../../../kit/access';
import { AgeBand, Education, Sex } from '../../../domain/classifications';
import { RutScalar } from '../../../kit/rut';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { personalFieldGuard } from '../privacy';

const PersonalGuard = personalFieldGuard();

/**
 * A job seeker registered by an OMIL. Personal fields (RUT, names, birth date, contact,
 * disability) are for admins and the municipality/omil of the person's communes only; the rest
 * (sex, age band, education, communes) is what a placement's analysis already carries.
 */
@ObjectType({ description: "A job seeker. Personal fields: admins and municipality/omil of the person's communes only." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'person' })
@Index({ properties: ['omilCommuneCode', 'registeredAt'] })
@Index({ properties: ['residenceCommuneCode'] })
@Index({ properties: ['registeredAt'] })
export class Person extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => RutScalar, { nullable: true })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Unique()
  @Property({ type: 'string', length: 12, nullable: true })
  rut!: string | null;

  @Field(() => String, { nullable: true })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string' })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'First surname (apellido paterno).' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string' })
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'Second surname (apellido materno).' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string' })
  secondLastName!: string;

  @Field(() => LocalDate, { nullable: true })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Field(() => Sex)
  @Enum({ items: () => Sex })
  sex!: Sex;

  @Field(() => Education)
  @Enum({ items: () => Education })
  education!: Education;

  @Property({ type: 'string', length: 5 })
  residenceCommuneCode!: string;

  @Property({ type: 'string', length: 5 })
  omilCommuneCode!: string;

  @Field(() => LocalDate, { description: 'When the OMIL registered the person.' })
  @Property({ type: 'date' })
  registeredAt!: string;

  /** Age band at registration, kept for statistics. */
  @Enum({ items: () => AgeBand, nullable: true })
  registrationAgeBand!: AgeBand | null;

  @Field({ description: 'Registered in the Bolsa Nacional de Empleo (Ley 20.328).' })
  @Property({ type: 'boolean' })
  bneRegistered!: boolean;

  @Field(() => String, { nullable: true, description: 'Chilean phone number, as +56 9 12345678 (mobile) or +56 652345678.' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string', nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string', nullable: true })
  email!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person gave express consent to store disability data.' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'boolean' })
  disabilityConsent!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Sensitive data: stored only with consent (null without).' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'boolean', nullable: true })
  disability!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why the record was last corrected (null if never).' })
  @Authorized(PERSONAL_DATA)
  @UseMiddleware(PersonalGuard)
  @Property({ type: 'string', length: 500, nullable: true })
  correctionReason!: string | null;

  /** While set, personal fields are refused to all but admins (blocking, Ley 21.719): docs/privacy.md. */
  @Property({ type: 'datetime', nullable: true })
  blockedAt: Date | null = null;

  /** The purposes the person objected to (comma-separated ObjectionPurpose values; '' for none). */
  @Property({ type: 'string', length: 100, default: '' })
  objectedPurposes: string = '';

  /** Set when the person's data was erased (supresión): identifiers and personal fields are gone. */
  @Property({ type: 'datetime', nullable: true })
  erasedAt: Date | null = null;

  /** The communes a person belongs to, for access: where they live and the OMIL that registered them. */
  get communeCodes(): Opt<string[]> {
    return [this.residenceCommuneCode, this.omilCommuneCode];
  }
}
