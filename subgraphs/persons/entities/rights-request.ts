import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PERSONAL_DATA } from '../../../kit/access';
import type { AuditSubject } from '../../../kit/audit/record';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';

/** The six rights of a data subject under Ley 21.719 (art. 4 of Ley 19.628 as it replaces it). */
export enum RightsKind {
  ACCESS = 'ACCESS',
  PORTABILITY = 'PORTABILITY',
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  BLOCKING = 'BLOCKING',
  OBJECTION = 'OBJECTION',
}
registerEnumType(RightsKind, {
  name: 'RightsKind',
  description:
    'A right of the person (Ley 21.719): access, portability, rectification, erasure (supresión), blocking (bloqueo), objection (oposición).',
});

export enum RightsStatus {
  OPEN = 'OPEN',
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
}
registerEnumType(RightsStatus, { name: 'RightsStatus', description: 'OPEN until resolved; GRANTED or DENIED (with a resolution) after.' });

/** What a person may object to; each stops one use of their data (docs/privacy.md). */
export enum ObjectionPurpose {
  JOB_OFFERS = 'JOB_OFFERS',
  REFERRALS = 'REFERRALS',
}
registerEnumType(ObjectionPurpose, {
  name: 'ObjectionPurpose',
  description: 'JOB_OFFERS: contact (phone, e-mail) refused for the purpose job-offers; REFERRALS: referToVacancy refused.',
});

export const purposesOf = (list: string | null | undefined): ObjectionPurpose[] =>
  (list ?? '').split(',').filter((p): p is ObjectionPurpose => Object.values(ObjectionPurpose).includes(p as ObjectionPurpose));

/**
 * A request of a person to exercise a right, received by the OMIL of the person's commune (or an
 * admin) and resolved by it: the evidence of how the request was handled that the law asks for.
 */
@ObjectType({
  description: "A data subject's rights request (Ley 21.719): received, due, resolved. Same readers as the person's personal data.",
})
@Entity({ tableName: 'rights_request' })
@Index({ properties: ['communeCode', 'status', 'dueDate'] })
export class RightsRequest extends Audited implements AuditSubject {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => ID, { description: 'The person (kept after an erasure, as evidence; the person then reads as null).' })
  @Index()
  @Property({ type: 'integer' })
  personId!: number;

  /** The person's OMIL commune when received: who may read and resolve it. */
  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => RightsKind)
  @Enum({ items: () => RightsKind })
  kind!: RightsKind;

  @Field(() => LocalDate, { description: 'When the OMIL received the request.' })
  @Property({ type: 'date' })
  receivedAt!: string;

  @Field(() => LocalDate, { description: 'The legal due date: received + the configured days (docs/privacy.md), later if extended.' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => String, { nullable: true, description: 'Why the due date was extended (once at most); null if never.' })
  @Property({ type: 'string', length: 500, nullable: true })
  extensionReason: string | null = null;

  /** For OBJECTION: the purposes objected to (comma-separated ObjectionPurpose values). */
  @Property({ type: 'string', length: 100, default: '' })
  purposeList: string = '';

  /**
   * The person's own words: personal data, read under a declared purpose and recorded in the audit
   * as the person's. Still read while the person is blocked: handling their requests is what
   * blocking leaves to the OMIL.
   */
  @Field(() => String, { nullable: true, description: 'What the person asked for, in their words (cleared by an erasure). Personal data.' })
  @Authorized(PERSONAL_DATA)
  @Property({ type: 'string', length: 1000, nullable: true })
  details: string | null = null;

  @Field(() => RightsStatus)
  @Enum({ items: () => RightsStatus })
  status: RightsStatus = RightsStatus.OPEN;

  @Field(() => String, { nullable: true, description: 'How it was resolved (null while open).' })
  @Property({ type: 'string', length: 1000, nullable: true })
  resolution: string | null = null;

  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  resolvedAt: string | null = null;

  @Field(() => String, { nullable: true, description: 'Token subject of who resolved it.' })
  @Property({ type: 'string', length: 120, nullable: true })
  handledBy: string | null = null;

  /** Set when reached through its person (Person.rightsRequests): the person's communes. */
  readerCommunes?: Opt<string[]>;

  /** Whose staff may read `details`: the person's communes when reached through the person, else the request's (the lists' scope). */
  get communeCodes(): Opt<string[]> {
    return this.readerCommunes ?? [this.communeCode];
  }

  /** Whose data `details` is (kit/audit/record.ts). */
  get auditSubject(): Opt<AuditSubject['auditSubject']> {
    return { type: 'Person', id: this.personId };
  }
}
