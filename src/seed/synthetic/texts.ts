import { CaseType } from '../../cases/case-codes';

/**
 * Generic free text for synthetic records: short, plausible sentences about no one in particular.
 * Each starts with a marker only where a reader could otherwise mistake it for real content
 * (sensitive notes), so an exported sample is recognisably synthetic.
 */

export const CASE_SUMMARIES: Readonly<Record<CaseType, readonly string[]>> = {
  [CaseType.Protection]: [
    'Protection screening follow-up after the registration interview.',
    'Support with safety planning and access to services.',
    'Risk assessment and referral to specialised services.',
  ],
  [CaseType.ChildProtection]: [
    'Child protection follow-up with the family.',
    'Best interest assessment and family support.',
    'Support with school attendance and child safety at home.',
  ],
  [CaseType.GenderBasedViolence]: [
    'Case management for a survivor, with consent-based referrals.',
    'Safety planning and psychosocial support.',
  ],
  [CaseType.Legal]: [
    'Support with the renewal of the residence permit.',
    'Counselling on the international protection procedure.',
    'Help with civil documentation (birth registration).',
    'Address registration update with the migration office.',
  ],
  [CaseType.Health]: [
    'Access to treatment for a chronic condition.',
    'Support with hospital appointments and interpretation.',
    'Follow-up of medication and specialist referral.',
  ],
  [CaseType.MentalHealth]: [
    'Referral to psychological support and follow-up.',
    'Individual counselling sessions agreed with the person.',
  ],
  [CaseType.SocioEconomic]: [
    'Assessment for cash and in-kind assistance.',
    'Support with rent arrears and household needs.',
    'Eligibility check for social assistance programmes.',
  ],
  [CaseType.Education]: [
    'School enrolment and catch-up classes.',
    'Support with language course registration.',
  ],
  [CaseType.Livelihood]: [
    'Vocational counselling and job search support.',
    'Support with the work permit application.',
  ],
  [CaseType.Housing]: [
    'Support after an eviction notice.',
    'Search for adequate accommodation for the family.',
  ],
  [CaseType.Other]: ['General counselling and information.'],
};

export const NOTES = [
  'Phone call with the person; next steps agreed.',
  'Home visit carried out; situation unchanged.',
  'Documents received and copied to the file.',
  'Appointment at the office; interpreter present.',
  'Referral form completed and sent with consent.',
  'Person did not attend; new appointment offered by phone.',
  'Information given on rights and available services.',
  'Follow-up call: the person reports some improvement.',
  'Meeting with the family to review the case plan.',
  'Coordination call with the receiving unit.',
];

export const SENSITIVE_NOTES = [
  'Synthetic sensitive note: protection concern discussed in private; safety plan updated.',
  'Synthetic sensitive note: health information shared by the person with consent.',
  'Synthetic sensitive note: risk assessment reviewed with the supervisor.',
  'Synthetic sensitive note: disclosure recorded; referral offered and accepted.',
];

export const FOLLOW_UPS = [
  'Call to check on the appointment outcome.',
  'Home visit.',
  'Collect the missing documents.',
  'Check the status of the referral.',
  'Review the case plan with the person.',
  'Accompany to the hospital appointment.',
  'Confirm school enrolment.',
];

export const FOLLOW_UP_OUTCOMES = [
  'Done; no further action needed.',
  'Done; next steps agreed.',
  'Person reached; appointment confirmed.',
  'Documents received.',
];

export const STATUS_NOTES = [
  'Work started after the first interview.',
  'Waiting for documents from the person.',
  'Resumed after contact was re-established.',
  'Closed after review with the supervisor.',
  'Reopened at the request of the person.',
];

export const DELIVERY_NOTES = [
  'Delivered at the centre.',
  'Delivered during a home visit.',
  'Interpreter present.',
];

export const BENEFICIARY_NOTES = [
  'Prefers to be contacted in the afternoon.',
  'Prefers a female staff member.',
  'Reachable through a neighbour if the phone is off.',
  'Needs an interpreter for appointments.',
];

export const HEALTH_CONDITIONS = [
  'Synthetic: chronic condition under treatment.',
  'Synthetic: needs regular medication.',
  'Synthetic: mobility aid required.',
  'Synthetic: specialist follow-up pending.',
];

export const PROTECTION_CONCERNS = [
  'Synthetic: protection concern recorded at screening.',
  'Synthetic: safety risk at home reported.',
  'Synthetic: risk of exploitation noted.',
];

export const WITHDRAWAL_REASONS = ['Withdrawn at the request of the person.', 'Person moved away.'];
