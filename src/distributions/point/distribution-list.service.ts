import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { DistributionRecordsRepository } from '../records/distribution-records.repository';
import { RoundsRepository } from '../rounds/rounds.repository';
import { roundItemOf } from './distribution-point.service';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { NotFoundError } from '../../common/errors/domain-error';
import {
  DistributionPointRepository,
  type DistributionListFilter,
  type DistributionListRow,
} from './distribution-point.repository';
import { DistributionListQuery } from './dto/distribution-point.dto';

/** People per keyset batch: one short query each, a few hundred kilobytes of CSV. */
export const LIST_BATCH_SIZE = 2000;

/** The columns of a distribution list, in order: who to hand the item to and how to recognise them. */
export const DISTRIBUTION_LIST_COLUMNS: ReadonlyArray<[keyof DistributionListRow, string]> = [
  ['id', 'beneficiary_id'],
  ['given_name', 'given_name'],
  ['family_name', 'family_name'],
  ['father_name', 'father_name'],
  ['document_type', 'document_type'],
  ['document_number', 'document_number'],
  ['household_id', 'household_id'],
  ['household_size', 'household_size'],
  ['district', 'district'],
];

export interface DistributionList {
  fileName: string;
  stream: Readable;
}

/**
 * The distribution list of a round and item: the eligible people of the organisation not yet
 * served, as CSV for the field. It is streamed in keyset batches, each its own short query, so a
 * round over a million people never sits in memory, holds no transaction open, and stops reading
 * when the client stops downloading (the stream's back-pressure pauses the batches).
 */
@Injectable()
export class DistributionListService {
  constructor(
    private readonly dataSource: DataSource,
    readonly point: DistributionPointRepository,
    readonly rounds: RoundsRepository,
    readonly records: DistributionRecordsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Checks the request before the first byte, so that every error is still a proper answer. */
  async list(user: AuthUser, roundId: string, query: DistributionListQuery): Promise<DistributionList> {
    const em = this.dataSource.manager;
    const item = await roundItemOf(this, em, user, roundId, query.aidItemId, () => new NotFoundError());
    // The list carries names and document numbers out of the system: it is recorded like a read.
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, user, {
        action: AuditAction.DistributionListExported,
        entityType: AuditEntity.DistributionRound,
        entityId: roundId,
        organisationId: user.organisationId,
        changes: { aidItemId: { to: query.aidItemId }, ...(query.district ? { district: {} } : {}) },
      }),
    );
    const filter: DistributionListFilter = {
      organisationId: user.organisationId,
      item,
      district: query.district,
    };
    const csv = stringify({
      header: true,
      columns: DISTRIBUTION_LIST_COLUMNS.map(([key, header]) => ({ key, header })),
    });
    const rows = Readable.from(this.batches(filter));
    rows.on('error', (err) => csv.destroy(err));
    return {
      fileName: `distribution-list-${roundId}-${item.rule.aidItemId}.csv`,
      stream: rows.pipe(csv),
    };
  }

  private async *batches(filter: DistributionListFilter): AsyncGenerator<DistributionListRow> {
    let after: string | null = null;
    for (;;) {
      const batch = await this.point.distributionListBatch(
        this.dataSource.manager,
        filter,
        after,
        LIST_BATCH_SIZE,
      );
      yield* batch;
      if (batch.length < LIST_BATCH_SIZE) return;
      after = batch[batch.length - 1].id;
    }
  }
}
