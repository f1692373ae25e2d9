/** How an aid item is handed out. */
export enum AidKind {
  InKind = 'in_kind',
  Cash = 'cash',
  Voucher = 'voucher',
}

/**
 * What an aid item is, in a code shared by every organisation: each organisation names its own
 * items, and the duplicate-aid scan compares items across organisations by this category.
 */
export enum AidCategory {
  FoodParcel = 'food_parcel',
  FoodVoucher = 'food_voucher',
  HygieneKit = 'hygiene_kit',
  Blanket = 'blanket',
  Heater = 'heater',
  HeatingFuel = 'heating_fuel',
  ClothingVoucher = 'clothing_voucher',
  Clothing = 'clothing',
  HouseholdItems = 'household_items',
  BabyKit = 'baby_kit',
  CashTransfer = 'cash_transfer',
  RentSupport = 'rent_support',
  EducationSupport = 'education_support',
  Other = 'other',
}

/** Whom an entitlement rule counts receipts of. */
export enum CountedPer {
  /** The person's own receipts. */
  Person = 'person',
  /** The receipts of everyone who belonged to the person's household on the day of each receipt. */
  Household = 'household',
}

/**
 * The rules a distribution can break, as named in ENTITLEMENT_EXCEEDED errors, entitlement
 * answers and duplicate-aid flags.
 */
export enum EntitlementRule {
  /** More than the rule's quantity in one receipt. */
  QuantityPerReceipt = 'quantity_per_receipt',
  /** Too soon after the previous receipt of the item. */
  MinDaysBetween = 'min_days_between',
  /** The maximum number of receipts within the rule's period is reached. */
  MaxPerPeriod = 'max_per_period',
  /** An item that may not be combined with this one was received in the round's period. */
  ExclusiveItems = 'exclusive_items',
  /** The person does not meet the round's eligibility criteria (recorded only as an override). */
  EligibilityCriteria = 'eligibility_criteria',
}

/** Why a person is not eligible for a round (its criteria). */
export enum EligibilityCriterion {
  Vulnerability = 'vulnerability',
  HouseholdSize = 'household_size',
  District = 'district',
  LegalStatus = 'legal_status',
}

/** How a distribution record came in. */
export enum DistributionSource {
  /** Recorded at a distribution point through POST /distributions, with the live rule check. */
  Live = 'live',
  /** Taken from a list (a partner's, an older system's), without the live check. */
  Imported = 'imported',
}

/** What a supervisor decided about a duplicate-aid flag. */
export enum DuplicateAidFlagStatus {
  Open = 'open',
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
}

/** What was done about a confirmed double receipt. */
export enum DuplicateAidResolution {
  Recovered = 'recovered',
  WrittenOff = 'written_off',
}
