import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CountedPer, EligibilityCriterion } from '../distribution-codes';
import { dateOfDay, dayNumber, entitledFrom, Refusal } from '../entitlement';
import { eligibilityProblems } from '../rounds/eligibility';
import { RoundItemWithRule, RoundsRepository } from '../rounds/rounds.repository';
import { DistributionRecordsRepository, PersonFacts } from './distribution-records.repository';

export interface EntitlementQuestion {
  beneficiaryId: string;
  roundId: string;
  aidItemId: string;
  /** `YYYY-MM-DD`. */
  on: string;
  /** Defaults to the rule's quantity per receipt. */
  quantity?: number;
}

export interface EntitlementAnswer {
  eligible: boolean;
  eligibilityProblems: EligibilityCriterion[];
  entitled: boolean;
  /** When not entitled: the first day they are again; null when not in this round. */
  entitledFrom: string | null;
  refusals: Refusal[];
}

/** A person's facts, the round item and the answer, for callers that go on to record. */
export interface Assessment extends EntitlementAnswer {
  context: RoundItemWithRule;
  person: PersonFacts;
  /** Whose receipts the rule counted: the household on the day, or the person. */
  subject: { beneficiaryId: string } | { householdId: string };
}

/**
 * Asks whether a person may receive a round's item on a day: the round's criteria, then the item's
 * rule over the receipts of the subject the rule counts (the person, or their household on the
 * day, each receipt judged by membership on its own date). Used by the distribution point to
 * answer and by DistributionRecordsService to decide, under the subject locks.
 */
@Injectable()
export class EntitlementService {
  constructor(
    private readonly records: DistributionRecordsRepository,
    private readonly rounds: RoundsRepository,
  ) {}

  /** Null when the person or the round item does not exist. */
  async evaluate(em: EntityManager, q: EntitlementQuestion): Promise<EntitlementAnswer | null> {
    const context = await this.rounds.findRoundItem(em, q.roundId, q.aidItemId);
    const person = context ? await this.records.personFacts(em, q.beneficiaryId, q.on) : null;
    if (!context || !person) return null;
    const { context: _c, person: _p, subject: _s, ...answer } = await this.assess(em, context, person, q);
    return answer;
  }

  async assess(
    em: EntityManager,
    context: RoundItemWithRule,
    person: PersonFacts,
    q: EntitlementQuestion,
  ): Promise<Assessment> {
    const problems = eligibilityProblems(context, person);
    const subject =
      context.countedPer === CountedPer.Household && person.householdId
        ? { householdId: person.householdId }
        : { beneficiaryId: q.beneficiaryId };
    const rule = context.rule;
    // Receipts that can matter: within the widest window of the rule on either side of the day,
    // and within the round for items that may not be combined.
    const reach = Math.max(rule.minDaysBetween ?? 0, rule.periodDays ?? 0);
    const day = dayNumber(q.on);
    const from = dateOfDay(Math.min(day - reach, dayNumber(context.startsOn)));
    const to = dateOfDay(Math.max(day + reach, dayNumber(context.endsOn)));
    const receipts = await this.records.receipts(
      em,
      subject,
      [rule.aidItemId, ...rule.exclusiveWithItemIds],
      from,
      to,
    );
    const quantity = q.quantity ?? rule.quantityPerReceipt;
    const round = { startsOn: context.startsOn, endsOn: context.endsOn };
    const judged = entitledFrom(rule, round, q.on, quantity, receipts);
    return {
      context,
      person,
      subject,
      eligible: problems.length === 0,
      eligibilityProblems: problems,
      entitled: judged.refusals.length === 0,
      entitledFrom: judged.refusals.length ? judged.from : q.on,
      refusals: judged.refusals,
    };
  }
}
