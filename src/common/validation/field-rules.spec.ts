import { IsOptional, validate } from 'class-validator';
import {
  EARLIEST_BIRTH_DATE,
  IS_E164_PHONE,
  IS_LANGUAGE_CODE,
  IS_NATIONALITY,
  IsE164Phone,
  isIsoCalendarDate,
  IsLanguageCode,
  IsNationality,
  IsNotFutureDate,
  isNotFutureDate,
  IsPlausibleBirthDate,
  isPlausibleBirthDate,
  NOT_FUTURE,
  normalisePhoneQuery,
  PLAUSIBLE_BIRTH_DATE,
  utcToday,
  latestToday,
  earliestToday,
} from './field-rules';

class ContactDto {
  @IsE164Phone()
  phone!: unknown;
}

class PhonesDto {
  @IsE164Phone({ each: true })
  phones!: unknown;
}

class OriginDto {
  @IsNationality()
  nationality!: unknown;
}

class LanguagesDto {
  @IsOptional()
  @IsLanguageCode()
  preferredLanguage?: unknown;

  @IsLanguageCode({ each: true })
  languages!: unknown;
}

class DatesDto {
  @IsOptional()
  @IsNotFutureDate()
  arrivalDate?: unknown;

  @IsOptional()
  @IsPlausibleBirthDate()
  dateOfBirth?: unknown;
}

/** The broken rules of each field, as the validation pipe reports them. */
async function rules<T extends object>(cls: new () => T, plain: Record<string, unknown>) {
  const dto = Object.assign(new cls(), plain);
  const errors = await validate(dto);
  return Object.fromEntries(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})]));
}

/** `YYYY-MM-DD`, `days` after today in UTC. */
const daysFromToday = (days: number) => utcToday(new Date(Date.now() + days * 86_400_000));

describe('IsE164Phone', () => {
  it.each(['+905321234567', '+4915123456789', '+963944123456', '+12015550123', '+380501234567'])(
    'accepts %s',
    async (phone) => {
      expect(await rules(ContactDto, { phone })).toEqual({});
    },
  );

  it.each([
    ['a national number', '05321234567'],
    ['spaces', '+90 532 123 45 67'],
    ['the 00 prefix', '00905321234567'],
    ['a trunk zero after the country code', '+9005321234567'],
    ['too few digits', '+9053212'],
    ['more than 15 digits', '+9053212345678901'],
    ['a number no German plan has', '+491512345678'],
    ['an unassigned country code', '+999123456789'],
    ['a leading space', ' +905321234567'],
    ['a number', 905321234567],
    ['null', null],
  ])('refuses %s', async (_, phone) => {
    expect(await rules(ContactDto, { phone })).toEqual({ phone: [IS_E164_PHONE] });
  });

  it('checks each element with { each: true }', async () => {
    expect(await rules(PhonesDto, { phones: ['+905321234567', '+4915123456789'] })).toEqual({});
    expect(await rules(PhonesDto, { phones: ['+905321234567', '0532'] })).toEqual({
      phones: [IS_E164_PHONE],
    });
  });

  it('names the rule in its message, not the value', async () => {
    const [error] = await validate(Object.assign(new ContactDto(), { phone: '0532 123' }));
    expect(error.constraints?.[IS_E164_PHONE]).toContain('phone must be a valid phone number');
    expect(error.constraints?.[IS_E164_PHONE]).not.toContain('0532 123');
  });
});

describe(normalisePhoneQuery.name, () => {
  it.each([
    ['0532 123 45 67', '+905321234567'],
    ['(0532) 123-45-67', '+905321234567'],
    ['5321234567', '+905321234567'],
    ['+49 151 2345 6789', '+4915123456789'],
    ['+49 (0)151 23456789', '+4915123456789'],
    ['00905321234567', '+905321234567'],
    ['0049 151 23456789', '+4915123456789'],
    ['  +905321234567  ', '+905321234567'],
    ['٠٥٣٢ ١٢٣ ٤٥ ٦٧', '+905321234567'],
    ['۰۵۳۲۱۲۳۴۵۶۷', '+905321234567'],
  ])('reads %j as %s', (raw, e164) => {
    expect(normalisePhoneQuery(raw)).toBe(e164);
  });

  it('reads national numbers in the default country given', () => {
    expect(normalisePhoneQuery('0151 23456789', 'DE')).toBe('+4915123456789');
    expect(normalisePhoneQuery('0151 23456789')).toBeNull();
  });

  it('gives what IsE164Phone accepts, so a query can match a stored number', async () => {
    const phone = normalisePhoneQuery('0532 123 45 67');
    expect(await rules(ContactDto, { phone })).toEqual({});
  });

  it.each(['', '   ', 'abc', '0532 123', 'call 0532 123 45 67', '0532 123 45 67 ext 5', '1'.repeat(41)])(
    'gives null for %j',
    (raw) => {
      expect(normalisePhoneQuery(raw)).toBeNull();
    },
  );
});

describe('IsNationality', () => {
  it.each(['SY', 'AF', 'IQ', 'IR', 'UA', 'TR', 'DE', 'PS', 'SS', 'XX', 'XK'])('accepts %s', async (code) => {
    expect(await rules(OriginDto, { nationality: code })).toEqual({});
  });

  it.each(['sy', 'Sy', 'SYR', 'S', 'ZZ', 'XA', 'QQ', 'UK', '', 1])('refuses %j', async (code) => {
    expect(await rules(OriginDto, { nationality: code })).toEqual({ nationality: [IS_NATIONALITY] });
  });
});

describe('IsLanguageCode', () => {
  it.each([
    'ar',
    'tr',
    'de',
    'en',
    'fa',
    'ps',
    'ku',
    'uk',
    'ru',
    'ti',
    'so',
    'prs',
    'ckb',
    'kmr',
    'apc',
    'sdh',
  ])('accepts %s', async (code) => {
    expect(await rules(LanguagesDto, { preferredLanguage: code, languages: [code] })).toEqual({});
  });

  it.each(['AR', 'Ar', 'ara', 'tur', 'xx', 'ajp', 'a', 'arab', 'ar-SY', '', 7])(
    'refuses %j',
    async (code) => {
      expect(await rules(LanguagesDto, { preferredLanguage: code, languages: [] })).toEqual({
        preferredLanguage: [IS_LANGUAGE_CODE],
      });
    },
  );

  it('checks each element with { each: true }', async () => {
    expect(await rules(LanguagesDto, { languages: ['ar', 'kmr', 'tr'] })).toEqual({});
    expect(await rules(LanguagesDto, { languages: ['ar', 'Kurdish'] })).toEqual({
      languages: [IS_LANGUAGE_CODE],
    });
  });
});

describe(isIsoCalendarDate.name, () => {
  it.each(['2024-02-29', '2000-02-29', '1999-12-31', '2023-01-01'])('accepts %s', (date) => {
    expect(isIsoCalendarDate(date)).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-1'])(
    'refuses %s',
    (date) => {
      expect(isIsoCalendarDate(date)).toBe(false);
    },
  );

  it.each(['2023-01-01T00:00:00Z', '01.01.2023', ' 2023-01-01', '', null, new Date()])(
    'refuses %j',
    (value) => {
      expect(isIsoCalendarDate(value)).toBe(false);
    },
  );
});

describe('date rules at a fixed today', () => {
  const TODAY = '2024-03-15';

  it('lets today and the past pass, and refuses tomorrow', () => {
    expect(isNotFutureDate('2024-03-15', TODAY)).toBe(true);
    expect(isNotFutureDate('2016-03-20', TODAY)).toBe(true);
    expect(isNotFutureDate('2024-03-16', TODAY)).toBe(false);
  });

  it('bounds birth dates by 1900-01-01 and today, both included', () => {
    expect(isPlausibleBirthDate(EARLIEST_BIRTH_DATE, TODAY)).toBe(true);
    expect(isPlausibleBirthDate('1899-12-31', TODAY)).toBe(false);
    expect(isPlausibleBirthDate('2024-03-15', TODAY)).toBe(true);
    expect(isPlausibleBirthDate('2024-03-16', TODAY)).toBe(false);
  });

  it("takes today as the latest or earliest date on earth, so that no client's today is refused", () => {
    // 01:30 on 2 June in Istanbul is still 1 June in UTC.
    const istanbulAfterMidnight = new Date('2030-06-01T22:30:00Z');
    expect(isNotFutureDate('2030-06-02', latestToday(istanbulAfterMidnight))).toBe(true);
    expect(isNotFutureDate('2030-06-03', latestToday(istanbulAfterMidnight))).toBe(false);
    // 20:00 on 31 May in Mexico City is already 1 June in UTC.
    expect(earliestToday(new Date('2030-06-01T02:00:00Z'))).toBe('2030-05-31');
  });

  it('uses the UTC date, whatever the local time zone', () => {
    expect(utcToday(new Date('2024-03-15T23:30:00-05:00'))).toBe('2024-03-16');
    expect(utcToday(new Date('2024-03-16T01:30:00+03:00'))).toBe('2024-03-15');
  });
});

describe('IsNotFutureDate and IsPlausibleBirthDate', () => {
  it('accept today and yesterday', async () => {
    for (const date of [daysFromToday(0), daysFromToday(-1)]) {
      expect(await rules(DatesDto, { arrivalDate: date, dateOfBirth: date })).toEqual({});
    }
  });

  it('refuse a date that is after today everywhere on earth', async () => {
    const tomorrow = daysFromToday(2);
    expect(await rules(DatesDto, { arrivalDate: tomorrow, dateOfBirth: tomorrow })).toEqual({
      arrivalDate: [NOT_FUTURE],
      dateOfBirth: [PLAUSIBLE_BIRTH_DATE],
    });
  });

  it('read today at each validation, not when the class was declared', async () => {
    jest.useFakeTimers({ now: new Date('2030-06-01T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(await rules(DatesDto, { arrivalDate: '2030-06-01', dateOfBirth: '2030-05-31' })).toEqual({});
      expect(await rules(DatesDto, { arrivalDate: '2030-06-03' })).toEqual({ arrivalDate: [NOT_FUTURE] });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuse birth dates before 1900 but not other past dates', async () => {
    expect(await rules(DatesDto, { arrivalDate: '1899-12-31', dateOfBirth: '1899-12-31' })).toEqual({
      dateOfBirth: [PLAUSIBLE_BIRTH_DATE],
    });
  });

  it.each(['2023-02-29', '2023-01-01T10:00:00Z', 'yesterday', 20230101])('refuse %j', async (value) => {
    expect(await rules(DatesDto, { arrivalDate: value, dateOfBirth: value })).toEqual({
      arrivalDate: [NOT_FUTURE],
      dateOfBirth: [PLAUSIBLE_BIRTH_DATE],
    });
  });
});
