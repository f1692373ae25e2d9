import { Vulnerability } from '../../beneficiaries/beneficiary-codes';
import { CaseStatus, CaseType, ClosureReason, RiskLevel } from '../../cases/case-codes';
import { CASE_TRANSITIONS } from '../../cases/case-status';
import { isoDate, isoTimestamp } from './dates';
import { Random, Weighted, WeightedTable } from './random';
import { SeedContext, SeedUnit, SeedUser } from './seed-context';
import { RowSink } from './tables';
import {
  CASE_SUMMARIES,
  DELIVERY_NOTES,
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UPS,
  NOTES,
  SENSITIVE_NOTES,
  STATUS_NOTES,
} from './texts';

/**
 * Cases with their history: a status path that follows the one transition table (CASE_TRANSITIONS),
 * assignments and reassignments to the unit's caseworkers, notes (some sensitive), follow-ups (some
 * overdue) and the services delivered for the case.
 */

/** The person or household a case is about, and who of them receives its services. */
export interface CaseSubject {
  beneficiaryId: string | null;
  householdId: string | null;
  recipients: readonly string[];
  /** The earliest day the case can open: the subject's registration. */
  fromDay: number;
}

/** Which units take which case types: matched on the unit's name, any unit when none matches. */
const UNIT_KEYWORDS: Readonly<Record<CaseType, RegExp>> = {
  [CaseType.Protection]: /protect/i,
  [CaseType.ChildProtection]: /child|protect/i,
  [CaseType.GenderBasedViolence]: /women|protect/i,
  [CaseType.Legal]: /legal|law/i,
  [CaseType.Health]: /health|medic/i,
  [CaseType.MentalHealth]: /psycho|mental|health/i,
  [CaseType.SocioEconomic]: /aid|humanitarian|socio|social/i,
  [CaseType.Education]: /child|youth|language|education|school/i,
  [CaseType.Livelihood]: /work|vocation|livelihood|job/i,
  [CaseType.Housing]: /aid|humanitarian|housing|social/i,
  [CaseType.Other]: /./,
};

const GENERAL_TYPES = new WeightedTable<CaseType>([
  [CaseType.Legal, 22],
  [CaseType.SocioEconomic, 22],
  [CaseType.Protection, 14],
  [CaseType.Health, 12],
  [CaseType.Livelihood, 10],
  [CaseType.Education, 7],
  [CaseType.Housing, 6],
  [CaseType.MentalHealth, 4],
  [CaseType.Other, 3],
]);

/** The case type a vulnerability usually leads to. */
const TYPE_FOR_VULNERABILITY: Partial<Record<Vulnerability, CaseType>> = {
  [Vulnerability.SurvivorOfViolence]: CaseType.GenderBasedViolence,
  [Vulnerability.WomanAtRisk]: CaseType.Protection,
  [Vulnerability.ChildAtRisk]: CaseType.ChildProtection,
  [Vulnerability.ChildLabour]: CaseType.ChildProtection,
  [Vulnerability.EarlyMarriage]: CaseType.ChildProtection,
  [Vulnerability.UnaccompaniedChild]: CaseType.ChildProtection,
  [Vulnerability.SeparatedChild]: CaseType.ChildProtection,
  [Vulnerability.ChronicIllness]: CaseType.Health,
  [Vulnerability.SeriousMedicalCondition]: CaseType.Health,
  [Vulnerability.Disability]: CaseType.Health,
  [Vulnerability.MentalHealthCondition]: CaseType.MentalHealth,
  [Vulnerability.LegalProtectionNeed]: CaseType.Legal,
  [Vulnerability.OlderPersonAtRisk]: CaseType.SocioEconomic,
  [Vulnerability.SingleParent]: CaseType.SocioEconomic,
  [Vulnerability.PregnantOrLactating]: CaseType.Health,
};

const SENSITIVE_TYPES = new Set<CaseType>([
  CaseType.Protection,
  CaseType.ChildProtection,
  CaseType.GenderBasedViolence,
  CaseType.MentalHealth,
]);

const RISK = new WeightedTable<RiskLevel>([
  [RiskLevel.Low, 35],
  [RiskLevel.Medium, 40],
  [RiskLevel.High, 20],
  [RiskLevel.Critical, 5],
]);
const RISK_VULNERABLE = new WeightedTable<RiskLevel>([
  [RiskLevel.Low, 10],
  [RiskLevel.Medium, 40],
  [RiskLevel.High, 38],
  [RiskLevel.Critical, 12],
]);

const CLOSURE = new WeightedTable<ClosureReason>([
  [ClosureReason.NeedsMet, 45],
  [ClosureReason.ReferredElsewhere, 15],
  [ClosureReason.LostContact, 12],
  [ClosureReason.DeclinedServices, 8],
  [ClosureReason.MovedAway, 8],
  [ClosureReason.Resettled, 3],
  [ClosureReason.OpenedInError, 3],
  [ClosureReason.Deceased, 1],
  [ClosureReason.Other, 5],
]);

/**
 * Where a case goes next from each status, `null` meaning it stays there (the walk ends). Only
 * transitions the table allows are kept, so every generated history is one the API could produce.
 */
const NEXT: Readonly<Record<CaseStatus, Weighted<CaseStatus | null>>> = {
  [CaseStatus.Open]: [
    [CaseStatus.Active, 80],
    [CaseStatus.Closed, 8],
    [null, 12],
  ],
  [CaseStatus.Active]: [
    [null, 45],
    [CaseStatus.OnHold, 15],
    [CaseStatus.Closed, 40],
  ],
  [CaseStatus.OnHold]: [
    [null, 45],
    [CaseStatus.Active, 35],
    [CaseStatus.Closed, 20],
  ],
  [CaseStatus.Closed]: [
    [null, 92],
    [CaseStatus.Reopened, 8],
  ],
  [CaseStatus.Reopened]: [
    [null, 50],
    [CaseStatus.Active, 35],
    [CaseStatus.OnHold, 5],
    [CaseStatus.Closed, 10],
  ],
};
const NEXT_TABLES = Object.fromEntries(
  Object.entries(NEXT).map(([from, entries]) => [
    from,
    new WeightedTable(
      entries.filter(([to]) => to === null || CASE_TRANSITIONS[from as CaseStatus].includes(to)),
    ),
  ]),
) as Record<CaseStatus, WeightedTable<CaseStatus | null>>;

export class CaseGenerator {
  private readonly unitsForType: Record<CaseType, readonly SeedUnit[]>;
  private readonly deliveryUnits: readonly SeedUnit[];

  constructor(
    private readonly context: SeedContext,
    private readonly random: Random,
    private readonly ids: Random,
  ) {
    this.unitsForType = Object.fromEntries(
      Object.values(CaseType).map((type) => {
        const matching = context.units.filter((u) => UNIT_KEYWORDS[type].test(u.name));
        return [type, matching.length ? matching : context.units];
      }),
    ) as Record<CaseType, readonly SeedUnit[]>;
    this.deliveryUnits = context.units.filter((u) => u.serviceTypes.length > 0);
  }

  /** The case type for a person: led by a vulnerability when there is one, else a common type. */
  typeFor(vulnerabilities: readonly string[], exclude: ReadonlySet<CaseType>): CaseType | null {
    const r = this.random;
    for (const v of vulnerabilities) {
      const type = TYPE_FOR_VULNERABILITY[v as Vulnerability];
      if (type && !exclude.has(type) && r.chance(0.6)) return type;
    }
    for (let i = 0; i < 5; i++) {
      const type = GENERAL_TYPES.pick(r);
      if (!exclude.has(type)) return type;
    }
    return null;
  }

  /** One case with its history, notes, follow-ups and services. */
  generate(sink: RowSink, subject: CaseSubject, type: CaseType, vulnerable: boolean): void {
    const r = this.random;
    const { asOfDay } = this.context;
    // Everything has happened by yesterday: no timestamp lies in the future.
    const lastDay = asOfDay - 1;
    const unit = r.pick(this.unitsForType[type]);
    const opener = this.staffOf(unit);
    const supervisor = this.supervisorOf(unit) ?? opener;
    const caseId = this.ids.uuid();

    // Most cases open within a year or two of registration; some much later.
    const span = Math.max(0, lastDay - subject.fromDay);
    let day = subject.fromDay + Math.min(span, Math.floor(r.chance(0.7) ? r.next() * 400 : r.next() * span));
    const openedDay = day;
    const openedAt = isoTimestamp(day, r.int(8 * 3600, 17 * 3600));

    // Assignment on opening, maybe a reassignment later.
    let assignee: SeedUser | null = unit.caseStaff.length && r.chance(0.88) ? r.pick(unit.caseStaff) : null;
    if (assignee) {
      sink.assignment({
        caseId,
        assignedUserId: assignee.id,
        assignedByUserId: supervisor.id,
        note: null,
        assignedAt: openedAt,
      });
    }

    // The status path: a walk over the transition table, each step some days after the last.
    sink.statusChange({
      caseId,
      fromStatus: null,
      toStatus: CaseStatus.Open,
      closureReason: null,
      note: null,
      changedByUserId: opener.id,
      changedAt: openedAt,
    });
    let status: CaseStatus = CaseStatus.Open;
    let closureReason: ClosureReason | null = null;
    let closedDay: number | null = null;
    let lastChange = openedAt;
    for (let step = 0; step < 8; step++) {
      const next: CaseStatus | null = NEXT_TABLES[status].pick(r);
      if (next === null) break;
      const nextDay = day + r.int(2, status === CaseStatus.Closed ? 400 : 120);
      if (nextDay > lastDay) break;
      day = nextDay;
      const reason = next === CaseStatus.Closed ? CLOSURE.pick(r) : null;
      const actor = next === CaseStatus.Reopened ? supervisor : (assignee ?? opener);
      lastChange = isoTimestamp(day, r.int(8 * 3600, 17 * 3600));
      sink.statusChange({
        caseId,
        fromStatus: status,
        toStatus: next,
        closureReason: reason,
        note: r.chance(0.3) ? r.pick(STATUS_NOTES) : null,
        changedByUserId: actor.id,
        changedAt: lastChange,
      });
      status = next;
      closureReason = reason;
      closedDay = next === CaseStatus.Closed ? day : null;
    }
    const endDay = closedDay ?? lastDay;

    if (assignee && unit.caseStaff.length > 1 && r.chance(0.12) && endDay - openedDay > 2) {
      const others = unit.caseStaff.filter((u) => u.id !== assignee!.id);
      assignee = r.pick(others);
      sink.assignment({
        caseId,
        assignedUserId: assignee.id,
        assignedByUserId: supervisor.id,
        note: 'Reassigned to balance caseloads.',
        assignedAt: isoTimestamp(openedDay + r.int(1, endDay - openedDay - 1), r.int(8 * 3600, 17 * 3600)),
      });
    }

    sink.caseFile({
      id: caseId,
      beneficiaryId: subject.beneficiaryId,
      householdId: subject.householdId,
      type,
      unitId: unit.id,
      assignedUserId: assignee?.id ?? null,
      riskLevel: (vulnerable ? RISK_VULNERABLE : RISK).pick(r),
      status,
      closureReason: status === CaseStatus.Closed ? closureReason : null,
      summary: r.pick(CASE_SUMMARIES[type]),
      openedByUserId: opener.id,
      openedAt,
      closedAt: status === CaseStatus.Closed ? lastChange : null,
      updatedAt: lastChange,
    });

    const worker = assignee ?? opener;
    const between = () => openedDay + r.int(0, Math.max(0, endDay - openedDay));

    const noteCount = status === CaseStatus.Open ? r.int(0, 2) : r.int(1, 5);
    const sensitiveShare = SENSITIVE_TYPES.has(type) ? 0.45 : 0.1;
    for (let i = 0; i < noteCount; i++) {
      const sensitive = r.chance(sensitiveShare);
      sink.note({
        id: this.ids.uuid(),
        caseId,
        body: sensitive ? r.pick(SENSITIVE_NOTES) : r.pick(NOTES),
        isSensitive: sensitive,
        authorUserId: worker.id,
        createdAt: isoTimestamp(between(), r.int(8 * 3600, 18 * 3600)),
      });
    }

    const closed = status === CaseStatus.Closed;
    const followUps = closed ? r.int(0, 2) : r.int(1, 3);
    for (let i = 0; i < followUps; i++) {
      const createdDay = between();
      const dueDay = createdDay + r.int(3, 45);
      // Past due on an open case: done in most cases, overdue in the others.
      const completed = closed || (dueDay < asOfDay && r.chance(0.6));
      const completedDay = Math.min(dueDay + r.int(-2, 5), endDay);
      sink.followUp({
        id: this.ids.uuid(),
        caseId,
        description: r.pick(FOLLOW_UPS),
        dueOn: isoDate(dueDay),
        assignedUserId: assignee?.id ?? null,
        createdByUserId: worker.id,
        createdAt: isoTimestamp(createdDay, 9 * 3600),
        completedAt: completed ? isoTimestamp(Math.max(createdDay, completedDay), 16 * 3600) : null,
        completedByUserId: completed ? worker.id : null,
        outcome: completed ? r.pick(FOLLOW_UP_OUTCOMES) : null,
      });
    }

    if (unit.serviceTypes.length && subject.recipients.length) {
      const deliveries = status === CaseStatus.Open ? r.int(0, 1) : r.int(0, 3);
      for (let i = 0; i < deliveries; i++) {
        const deliveredDay = between();
        sink.delivery({
          id: this.ids.uuid(),
          beneficiaryId: r.pick(subject.recipients),
          serviceTypeId: r.pick(unit.serviceTypes).id,
          unitId: unit.id,
          caseId,
          deliveredOn: isoDate(deliveredDay),
          deliveredByUserId: (unit.staff.length ? r.pick(unit.staff) : worker).id,
          note: r.chance(0.2) ? r.pick(DELIVERY_NOTES) : null,
          createdAt: isoTimestamp(deliveredDay, r.int(9 * 3600, 17 * 3600)),
        });
      }
    }
  }

  /**
   * Services outside any case (aid distributions, courses): a few deliveries to one person, from a
   * unit that has service types, preferring humanitarian aid.
   */
  deliverWithoutCase(sink: RowSink, beneficiaryId: string, fromDay: number, count: number): void {
    if (!this.deliveryUnits.length) return;
    const r = this.random;
    const aid = this.deliveryUnits.filter((u) => /aid|humanitarian/i.test(u.name));
    const unit = aid.length && r.chance(0.75) ? r.pick(aid) : r.pick(this.deliveryUnits);
    for (let i = 0; i < count; i++) {
      const day = fromDay + r.int(0, Math.max(0, this.context.asOfDay - 1 - fromDay));
      sink.delivery({
        id: this.ids.uuid(),
        beneficiaryId,
        serviceTypeId: r.pick(unit.serviceTypes).id,
        unitId: unit.id,
        caseId: null,
        deliveredOn: isoDate(day),
        deliveredByUserId: this.staffOf(unit).id,
        note: r.chance(0.1) ? r.pick(DELIVERY_NOTES) : null,
        createdAt: isoTimestamp(day, r.int(9 * 3600, 17 * 3600)),
      });
    }
  }

  private staffOf(unit: SeedUnit): SeedUser {
    return unit.staff.length ? this.random.pick(unit.staff) : this.random.pick(this.context.users);
  }

  private supervisorOf(unit: SeedUnit): SeedUser | undefined {
    if (unit.supervisors.length) return this.random.pick(unit.supervisors);
    if (this.context.supervisors.length) return this.random.pick(this.context.supervisors);
    return undefined;
  }
}
