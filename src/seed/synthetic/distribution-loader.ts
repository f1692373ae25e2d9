import { finished } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { CopyBuffer } from './copy-format';
import { dayFromIso, isoDate } from './dates';
import { roundPeriod, SYNTHETIC_AID_ITEMS, syntheticRounds } from './distribution-catalogue';
import {
  DistributionGenerator,
  type DistributionRecordRow,
  type DistributionSink,
  type DistributionVoidRow,
  type GeneratorHousehold,
  type GeneratorRound,
} from './distribution-generator';
import { Random } from './random';
import type { SeedContext } from './seed-context';

/**
 * Loads synthetic distribution records over the people and households already in the
 * organisation: creates the aid items and rounds that are missing, then reads the households
 * (current members, head first) with one streaming `COPY TO` on one connection while it writes the
 * records and voids with `COPY FROM` batches on another. Memory stays flat at any count.
 */

export const DISTRIBUTION_TABLES = ['distribution_records', 'distribution_voids'] as const;

const RECORD_COLUMNS = [
  'id',
  'organisation_id',
  'round_id',
  'round_item_id',
  'aid_item_id',
  'beneficiary_id',
  'household_id',
  'quantity',
  'unit_value',
  'currency',
  'distributed_on',
  'location',
  'source',
  'recorded_by_user_id',
  'recorded_at',
  'overridden_rules',
  'override_reason',
];
const VOID_COLUMNS = ['record_id', 'reason', 'voided_by_user_id', 'voided_at'];

/** Records owed by full households that later ones may take over before they become history. */
const CARRY = 200;

export interface DistributionLoadResult {
  records: number;
  voids: number;
  rounds: number;
}

/** The aid items and rounds of the catalogue, created where missing, with their ids. */
export async function ensureDistributionCatalogue(
  client: Client,
  context: SeedContext,
): Promise<GeneratorRound[]> {
  const org = context.organisationId;
  const creator = (context.supervisors[0] ?? context.users[0]).id;
  for (const item of SYNTHETIC_AID_ITEMS) {
    await client.query(
      `INSERT INTO aid_items (organisation_id, name, category, kind, unit, unit_value, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organisation_id, name) DO NOTHING`,
      [org, item.name, item.category, item.kind, item.unit, item.unitValue, item.currency],
    );
  }
  const items = new Map(
    (
      await client.query<{ id: string; name: string; unit_value: string | null; currency: string | null }>(
        `SELECT id, name, unit_value, currency FROM aid_items WHERE organisation_id = $1 AND name = ANY($2::text[])`,
        [org, SYNTHETIC_AID_ITEMS.map((i) => i.name)],
      )
    ).rows.map((r) => [r.name, r]),
  );
  const rounds: GeneratorRound[] = [];
  for (const round of syntheticRounds(context.asOfDay)) {
    const { startsOn, endsOn } = roundPeriod(round);
    await client.query(
      `INSERT INTO distribution_rounds (organisation_id, name, starts_on, ends_on, locations, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organisation_id, name) DO NOTHING`,
      [org, round.name, startsOn, endsOn, round.locations, creator],
    );
    const stored = (
      await client.query<{ id: string; starts_on: string; ends_on: string; locations: string[] }>(
        `SELECT id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
                locations
           FROM distribution_rounds WHERE organisation_id = $1 AND name = $2`,
        [org, round.name],
      )
    ).rows[0];
    for (const item of round.items) {
      await client.query(
        `INSERT INTO distribution_round_items (round_id, organisation_id, aid_item_id, counted_per, quantity_per_receipt,
                                               min_days_between, max_per_period, period_days, exclusive_with_item_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (round_id, aid_item_id) DO NOTHING`,
        [
          stored.id,
          org,
          items.get(item.item)!.id,
          item.countedPer,
          item.quantityPerReceipt,
          item.minDaysBetween,
          item.maxPerPeriod,
          item.periodDays,
          item.exclusiveWith.map((name) => items.get(name)!.id),
        ],
      );
    }
    // The rules as stored: a round created earlier by hand keeps its own.
    const storedItems = (
      await client.query<{
        id: string;
        aid_item_id: string;
        name: string;
        counted_per: string;
        quantity_per_receipt: string;
        min_days_between: number | null;
        max_per_period: number | null;
        period_days: number | null;
        exclusive_with_item_ids: string[];
        unit_value: string | null;
        currency: string | null;
      }>(
        `SELECT ri.id, ri.aid_item_id, i.name, ri.counted_per, ri.quantity_per_receipt, ri.min_days_between,
                ri.max_per_period, ri.period_days, ri.exclusive_with_item_ids, i.unit_value, i.currency
           FROM distribution_round_items ri JOIN aid_items i ON i.id = ri.aid_item_id
          WHERE ri.round_id = $1 ORDER BY i.name, ri.id`,
        [stored.id],
      )
    ).rows;
    const nameOf = new Map(storedItems.map((i) => [i.aid_item_id, i.name]));
    rounds.push({
      roundId: stored.id,
      startsDay: dayFromIso(stored.starts_on),
      endsDay: dayFromIso(stored.ends_on),
      locations: stored.locations.length ? stored.locations : round.locations,
      items: storedItems.map((i) => ({
        roundItemId: i.id,
        aidItemId: i.aid_item_id,
        item: i.name,
        countedPer: i.counted_per as GeneratorRound['items'][number]['countedPer'],
        quantity: Number(i.quantity_per_receipt),
        minDaysBetween: i.min_days_between,
        maxPerPeriod: i.max_per_period,
        periodDays: i.period_days,
        exclusiveWith: i.exclusive_with_item_ids.map((x) => nameOf.get(x)).filter((n): n is string => !!n),
        unitValue: i.unit_value,
        currency: i.currency,
      })),
    });
  }
  return rounds;
}

class DistributionBatch implements DistributionSink {
  readonly records = new CopyBuffer('distribution_records', RECORD_COLUMNS);
  readonly voids = new CopyBuffer('distribution_voids', VOID_COLUMNS);

  constructor(private readonly organisationId: string) {}

  record(r: DistributionRecordRow): void {
    this.records.add([
      r.id,
      this.organisationId,
      r.roundId,
      r.roundItemId,
      r.aidItemId,
      r.beneficiaryId,
      r.householdId,
      r.quantity,
      r.unitValue,
      r.currency,
      isoDate(r.distributedOn),
      r.location,
      r.source,
      r.recordedByUserId,
      r.recordedAt,
      r.overriddenRules,
      r.overrideReason,
    ]);
  }

  void(v: DistributionVoidRow): void {
    this.voids.add([v.recordId, v.reason, v.voidedByUserId, v.voidedAt]);
  }
}

async function copyBatch(client: Client, batch: DistributionBatch): Promise<void> {
  await client.query('BEGIN');
  try {
    // Records before their voids: the voids' foreign key points at them.
    for (const buffer of [batch.records, batch.voids]) {
      if (!buffer.size) continue;
      const stream = client.query(copyFrom(buffer.statement()));
      stream.end(buffer.take());
      await finished(stream);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * One line per household: its id (empty for a person in no household) and its current members,
 * head first, each `id:day` with the day they joined (days since 1970-01-01); a person in no
 * household from the day they left their last one, so that their own receipts never fall in a
 * time when the household's rules counted them. Sorted, so that the same database and seed give
 * the same records.
 */
function householdsQuery(organisationId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(organisationId)) throw new Error('unexpected organisation id');
  return `COPY (
    SELECT household_id, members FROM (
      SELECT m.household_id::text AS household_id,
             string_agg(m.beneficiary_id::text || ':' || (m.started_on - DATE '1970-01-01'), ','
                        ORDER BY (m.relationship = 'head') DESC, m.started_on, m.beneficiary_id) AS members
        FROM household_memberships m
       WHERE m.organisation_id = '${organisationId}' AND m.ended_on IS NULL
       GROUP BY m.household_id
      UNION ALL
      SELECT NULL, b.id::text || ':' || (greatest(b.created_at::date, x.left_on) - DATE '1970-01-01')
        FROM beneficiaries b
        LEFT JOIN LATERAL (SELECT max(x.ended_on) AS left_on FROM household_memberships x
                            WHERE x.beneficiary_id = b.id) x ON true
       WHERE b.organisation_id = '${organisationId}'
         AND NOT EXISTS (SELECT 1 FROM household_memberships x WHERE x.beneficiary_id = b.id AND x.ended_on IS NULL)
    ) h ORDER BY household_id NULLS LAST, members) TO STDOUT`;
}

function parseHousehold(line: string): GeneratorHousehold {
  const tab = line.indexOf('\t');
  const householdId = line.slice(0, tab);
  return {
    householdId: householdId === '\\N' ? null : householdId,
    members: line
      .slice(tab + 1)
      .split(',')
      .map((m) => {
        const colon = m.lastIndexOf(':');
        return { beneficiaryId: m.slice(0, colon), sinceDay: Number(m.slice(colon + 1)) };
      }),
  };
}

export async function loadDistributions(opts: {
  reader: Client;
  writer: Client;
  context: SeedContext;
  rounds: GeneratorRound[];
  total: number;
  seed: string;
  batchSize: number;
  progress: { update(records: number): void };
  stopRequested: () => boolean;
}): Promise<DistributionLoadResult & { interrupted: boolean }> {
  const { reader, writer, context, total } = opts;
  const people = Number(
    (
      await reader.query<{ n: string }>(
        `SELECT count(*) AS n FROM beneficiaries WHERE organisation_id = $1`,
        [context.organisationId],
      )
    ).rows[0].n,
  );
  const result = { records: 0, voids: 0, rounds: opts.rounds.length, interrupted: false };
  if (!people || !total) return result;
  const officers = context.users.filter((u) => u.role === 'distribution_officer').map((u) => u.id);
  const generator = new DistributionGenerator(
    {
      organisationId: context.organisationId,
      rounds: opts.rounds,
      recorders: officers.length ? officers : context.users.map((u) => u.id),
      supervisors: (context.supervisors.length ? context.supervisors : context.users).map((u) => u.id),
      asOfDay: context.asOfDay,
    },
    Random.derive(opts.seed, 'distributions'),
    Random.derive(opts.seed, 'distribution-ids'),
  );

  let batch = new DistributionBatch(context.organisationId);
  /** The batch loading in the background, and its failure, rethrown by the loop. */
  const background: { loading: Promise<void> | null; failure: Error | null } = {
    loading: null,
    failure: null,
  };
  const settle = async () => {
    if (background.loading) await background.loading;
    if (background.failure) throw background.failure;
  };
  const flush = async () => {
    await settle();
    const full = batch;
    const records = full.records.size;
    const voids = full.voids.size;
    batch = new DistributionBatch(context.organisationId);
    // The batch loads while the next one is generated.
    background.loading = copyBatch(writer, full).then(
      () => {
        result.records += records;
        result.voids += voids;
        opts.progress.update(result.records);
      },
      (err: unknown) => {
        background.failure = err instanceof Error ? err : new Error(String(err));
      },
    );
  };

  let seenPeople = 0;
  let generated = 0;
  let rest = '';
  const stream = reader.query(copyTo(householdsQuery(context.organisationId)));
  const handle = async (line: string) => {
    const household = parseHousehold(line);
    seenPeople += household.members.length;
    // Records in proportion to the people seen so far: exactly `total` at the end. A household
    // whose rules leave less room leaves the rest to the next ones, up to CARRY records.
    const due = Math.floor((total * seenPeople) / people) - generated;
    const last = seenPeople >= people;
    generated += generator.generate(household, due, batch, last ? 0 : CARRY);
    if (batch.records.size >= opts.batchSize) await flush();
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) await handle(line);
    if (opts.stopRequested()) {
      result.interrupted = true;
      (stream as unknown as { destroy(): void }).destroy();
      break;
    }
  }
  if (rest && !result.interrupted) await handle(rest);
  await flush();
  await settle();
  return result;
}
