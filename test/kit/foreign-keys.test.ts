import type { EntityName } from '@mikro-orm/core';
import { SUBGRAPHS } from '../../subgraphs';
import { openDatabase, type Database } from '../../kit/orm';
import { Commune } from '../../subgraphs/communes/entities/commune';
import { FomilAgreement } from '../../subgraphs/communes/entities/fomil-agreement';
import { OmilOffice } from '../../subgraphs/communes/entities/omil-office';
import { Province } from '../../subgraphs/communes/entities/province';
import { Region } from '../../subgraphs/communes/entities/region';
import { Employer } from '../../subgraphs/employers/entities/employer';
import { Vacancy } from '../../subgraphs/employers/entities/vacancy';
import { Course } from '../../subgraphs/training/entities/course';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { Provider } from '../../subgraphs/training/entities/provider';
import { Workshop, WorkshopAttendance } from '../../subgraphs/training/entities/workshop';
import { createdBy } from '../../kit/writes/audited';
import { freshDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases';

// Each subgraph's database (migrated on PostgreSQL, created from the entities on SQLite), unseeded.
async function open(database: TestDatabase, name: string): Promise<Database> {
  const definition = SUBGRAPHS.find((d) => d.name === name)!;
  return openDatabase({ ...database.options, name, entities: definition.entities, migrations: definition.migrations });
}

const insert = (db: Database, entity: EntityName<any>, row: Record<string, unknown>) => db.em.fork().insert(entity, row);

describe.each(testDatabaseKinds())('foreign keys inside a subgraph [%s]', (kind) => {
  let database: TestDatabase;
  const dbs: Record<string, Database> = {};

  beforeAll(async () => {
    database = await freshDatabase(kind);
    for (const name of ['communes', 'employers', 'training']) dbs[name] = await open(database, name);
  });
  afterAll(async () => {
    for (const db of Object.values(dbs)) await db.orm.close(true);
    await database?.drop();
  });

  it('refuses a vacancy of a nonexistent employer, and takes one of an existing employer', async () => {
    const vacancy = {
      id: 1,
      title: 'Operario/a',
      sector: 'C',
      occupationCode: '9329',
      positions: 1,
      contractType: 'FIXED_TERM',
      wageMin: 500000,
      wageMax: 600000,
      communeCode: '10101',
      openedAt: '2024-03-01',
      closedAt: null,
      status: 'OPEN',
      ...createdBy('test'),
    };
    await expect(insert(dbs.employers, Vacancy, { ...vacancy, employerId: 999 })).rejects.toThrow(/foreign key/i);
    await insert(dbs.employers, Employer, {
      id: 1,
      rut: '76000000-0',
      name: 'Test SpA',
      sector: 'C',
      ciiuClass: '1010',
      size: 'SMALL',
      communeCode: '10101',
      ...createdBy('test'),
    });
    await expect(insert(dbs.employers, Vacancy, { ...vacancy, employerId: 1 })).resolves.toBe(1);
  });

  it('refuses a course of a nonexistent provider, an enrolment of a nonexistent course, attendance of a nonexistent workshop', async () => {
    const course = {
      senceCode: 'X',
      name: 'Curso',
      programme: 'OTHER',
      communeCode: '10101',
      hours: 40,
      startDate: '2024-01-10',
      endDate: '2024-02-10',
      seats: 20,
    };
    await expect(insert(dbs.training, Course, { ...course, id: 1, providerId: 999 })).rejects.toThrow(/foreign key/i);
    const enrollment = {
      personId: 1,
      communeCode: '10101',
      status: 'ENROLLED',
      enrolledAt: '2024-01-05',
      completedAt: null,
      placedAt: null,
      ...createdBy('test'),
    };
    await expect(insert(dbs.training, Enrollment, { ...enrollment, id: 1, courseId: 999 })).rejects.toThrow(/foreign key/i);
    await expect(
      insert(dbs.training, WorkshopAttendance, { id: 1, workshopId: 999, personId: 1, communeCode: '10101', ...createdBy('test') }),
    ).rejects.toThrow(/foreign key/i);
    await insert(dbs.training, Provider, { id: 1, rut: '76000000-0', name: 'OTEC' });
    await insert(dbs.training, Course, { ...course, id: 1, providerId: 1 });
    await insert(dbs.training, Enrollment, { ...enrollment, id: 1, courseId: 1 });
    await insert(dbs.training, Workshop, { id: 1, communeCode: '10101', date: '2024-01-05', topic: 'CV' });
    await expect(
      insert(dbs.training, WorkshopAttendance, { id: 1, workshopId: 1, personId: 1, communeCode: '10101', ...createdBy('test') }),
    ).resolves.toBe(1);
  });

  it('refuses territory rows whose region, province or commune does not exist', async () => {
    const commune = { code: '10101', name: 'Puerto Montt', population: 1, populationMen: 0, populationWomen: 1, population2017: null };
    await expect(insert(dbs.communes, Province, { code: '101', name: 'Llanquihue', regionCode: '10' })).rejects.toThrow(/foreign key/i);
    await expect(insert(dbs.communes, Commune, { ...commune, provinceCode: '101' })).rejects.toThrow(/foreign key/i);
    const office = { communeCode: '10101', name: 'OMIL', address: 'x', phone: 'x', email: 'x', synthetic: true };
    await expect(insert(dbs.communes, OmilOffice, office)).rejects.toThrow(/foreign key/i);
    const agreement = { communeCode: '10101', year: 2024, category: 'I', status: 'CLOSED', transferClp: 1 };
    await expect(insert(dbs.communes, FomilAgreement, agreement)).rejects.toThrow(/foreign key/i);
    await insert(dbs.communes, Region, { code: '10', name: 'Los Lagos', isoCode: 'CL-LL' });
    await insert(dbs.communes, Province, { code: '101', name: 'Llanquihue', regionCode: '10' });
    await insert(dbs.communes, Commune, { ...commune, provinceCode: '101' });
    await insert(dbs.communes, OmilOffice, office);
    await insert(dbs.communes, FomilAgreement, agreement);
    expect(await dbs.communes.em.fork().count(FomilAgreement, {})).toBe(1);
  });
});
