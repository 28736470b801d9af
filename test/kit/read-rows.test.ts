import { isDeepStrictEqual } from 'node:util';
import { Utils } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { loaderBy, loaderOfMany, readRows } from '../../kit/loaders';
import { Person } from '../../subgraphs/persons/entities/person';
import { describeEachDatabase } from '../support/platform';

// Loaders read rows outside the unit of work (kit/loaders.ts): each must carry what em.find gives,
// be of the entity's class, and never be written back.
describeEachDatabase('rows read for answering', (platform) => {
  it('equal what em.find gives, property by property, for every entity of every subgraph; others are refused', async () => {
    let compared = 0;
    const refused: string[] = [];
    for (const app of Object.values(platform().subgraphs)) {
      const em = app.db!.em.fork() as EntityManager;
      for (const meta of Object.values(em.getMetadata().getAll())) {
        if (meta.virtual || meta.embeddable || !meta.class) continue;
        // Every key column, so composite keys are compared too.
        const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, 'desc']));
        const found = (await em.fork().find(meta.class, {}, { limit: 25, orderBy: orderBy as never })) as Record<string, unknown>[];
        let read: object[];
        try {
          read = await readRows(em.fork(), meta.class, {}, { orderBy: orderBy as never, limit: 25 });
        } catch (error) {
          expect(String(error)).toMatch(/cannot be read outside the unit of work/);
          refused.push(`${app.name}.${meta.className}`);
          continue;
        }
        expect(read).toHaveLength(found.length);
        read.forEach((row, i) => {
          expect(row).toBeInstanceOf(meta.class);
          for (const prop of meta.props) {
            if (prop.persist === false) continue;
            const [a, b] = [(row as Record<string, unknown>)[prop.name], found[i][prop.name]];
            if (!isDeepStrictEqual(a, b))
              throw new Error(`${Utils.className(meta.class)}.${prop.name}: read ${String(a)}, found ${String(b)}`);
          }
        });
        compared += read.length;
      }
    }
    expect(compared).toBeGreaterThan(300);
    // Its bigint key sum comes back a number from the query builder on SQLite, a string from em.find.
    expect(refused).toEqual(['placements.PlacementMonth']);
  });

  it("keep their class's getters and stay out of the unit of work", async () => {
    const em = platform().subgraphs.persons.db!.em.fork() as EntityManager;
    const [person] = await em.fork().find(Person, {}, { limit: 1 });
    const loaded = await loaderBy(em, Person, 'id').load(person.id);
    expect(loaded).toBeInstanceOf(Person);
    expect(loaded!.communeCodes).toEqual([person.residenceCommuneCode, person.omilCommuneCode]);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    // Changed by mistake, it is never written: the row in the database stays as it was.
    loaded!.firstName = 'Cambiado';
    await em.flush();
    expect((await em.fork().findOneOrFail(Person, person.id)).firstName).toBe(person.firstName);
  });

  it('are loaded per key, many per key in order', async () => {
    const em = platform().subgraphs.persons.db!.em.fork() as EntityManager;
    const people = await em.fork().find(Person, {}, { limit: 3, orderBy: { id: 'asc' } });
    const byId = loaderBy(em, Person, 'id');
    expect((await byId.loadMany([people[2].id, -1, people[0].id])).map((p) => (p as Person | null)?.id ?? null)).toEqual([
      people[2].id,
      null,
      people[0].id,
    ]);
    const byCommune = loaderOfMany(em, Person, 'omilCommuneCode', { id: 'desc' });
    const [ofCommune] = await byCommune.loadMany([people[0].omilCommuneCode]);
    const ids = (ofCommune as Person[]).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
