import { kindRank, TIMELINE_KIND_ORDER, TimelineItemKind } from './timeline-item-kind';

describe('TIMELINE_KIND_ORDER', () => {
  it('places every kind once, so that ties between kinds sort the same way every time', () => {
    expect([...TIMELINE_KIND_ORDER].sort()).toEqual(Object.values(TimelineItemKind).sort());
  });

  it('reads a registration before anything else of the same instant, and an assignment after the opening', () => {
    expect(kindRank(TimelineItemKind.BeneficiaryRegistered)).toBe(0);
    expect(kindRank(TimelineItemKind.CaseAssigned)).toBeGreaterThan(kindRank(TimelineItemKind.CaseOpened));
    expect(kindRank(TimelineItemKind.ConsentWithdrawn)).toBeGreaterThan(
      kindRank(TimelineItemKind.ConsentRecorded),
    );
  });

  it('reads a referral completed through a service delivery as the delivery, then the completion', () => {
    expect(kindRank(TimelineItemKind.ReferralStatusChanged)).toBeGreaterThan(
      kindRank(TimelineItemKind.ServiceDelivered),
    );
    expect(kindRank(TimelineItemKind.ReferralStatusChanged)).toBeGreaterThan(
      kindRank(TimelineItemKind.ReferralMade),
    );
  });
});
