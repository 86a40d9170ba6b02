import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { EXACT_COUNT_LIMIT, listLevelTables } from "./list-level-tables";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(`
    create schema learning;
    create table learning.b1_progress (user_id uuid, unit_id int);
    create table learning.a1_progress (user_id uuid, unit_id int);
    create table learning.pre_a1_progress (user_id uuid, unit_id int);
    create table learning.zz_custom_progress (user_id uuid, unit_id int);
    create table learning.a1_milestones (user_id uuid, milestone text);
    create table learning."A2_progress" (user_id uuid);
    create table learning."1a_progress" (user_id uuid);
    create table learning._progress (user_id uuid);
    create view learning.c1_progress as select * from learning.a1_progress;
    create table learning.b2_progress (user_id uuid, unit_id int) partition by range (unit_id);
    create table learning.b2_part_progress partition of learning.b2_progress for values from (0) to (1000);
    create table public.c2_progress (user_id uuid, unit_id int);
    insert into learning.a1_progress select gen_random_uuid(), g from generate_series(1, 25) g;
    insert into learning.b1_progress select gen_random_uuid(), g from generate_series(1, 3) g;
    insert into learning.b2_progress select gen_random_uuid(), g from generate_series(1, 2) g;
  `);
});

afterAll(async () => {
  await db.drop();
});

describe("listLevelTables", () => {
  it("finds the tables and views named {level}_progress in the schema, in CEFR order, with exact counts", async () => {
    const levels = await listLevelTables(db.pool, "learning");
    expect(levels).toEqual([
      { level: "pre_a1", table: "pre_a1_progress", rows: 0, estimated: false },
      { level: "a1", table: "a1_progress", rows: 25, estimated: false },
      { level: "b1", table: "b1_progress", rows: 3, estimated: false },
      { level: "b2", table: "b2_progress", rows: 2, estimated: false },
      { level: "c1", table: "c1_progress", rows: 25, estimated: false },
      { level: "zz_custom", table: "zz_custom_progress", rows: 0, estimated: false },
    ]);
  });

  it("looks only at the given schema", async () => {
    expect(await listLevelTables(db.pool, "public")).toEqual([
      { level: "c2", table: "c2_progress", rows: 0, estimated: false },
    ]);
    expect(await listLevelTables(db.pool, "no_such_schema")).toEqual([]);
  });

  it("reports the planner's estimate instead of counting a very large table", async () => {
    // Pretend ANALYZE saw a huge table; counting it would scan every row.
    await db.pool.query(`update pg_class set reltuples = $1 where oid = 'learning.b1_progress'::regclass`, [
      EXACT_COUNT_LIMIT * 3,
    ]);
    const levels = await listLevelTables(db.pool, "learning");
    expect(levels.find((level) => level.level === "b1")).toEqual({
      level: "b1",
      table: "b1_progress",
      rows: EXACT_COUNT_LIMIT * 3,
      estimated: true,
    });
    expect(levels.find((level) => level.level === "a1")).toMatchObject({ rows: 25, estimated: false });
  });
});
