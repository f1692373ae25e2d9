import {
  keyStrength,
  MAX_QUERY_TOKENS,
  type NameQuery,
  nameKeysOf,
  parseNameQuery,
  type PersonName,
  scoreNameMatch,
  strongestKey,
} from './name-matching';

/**
 * What the SQL does: for each query token, `name_keys && token.keys`, ANDed over the tokens.
 * Every positive case must pass this, or the database would never hand the candidate to scoring.
 */
function sqlMatches(query: NameQuery, stored: PersonName): boolean {
  const storedKeys = new Set(nameKeysOf(stored));
  return query.tokens.every((token) => token.keys.some((key) => storedKeys.has(key)));
}

function query(q: string): NameQuery {
  const parsed = parseNameQuery(q);
  if (parsed === null) throw new Error(`no usable token in ${q}`);
  return parsed;
}

function asName(name: string | PersonName): PersonName {
  return typeof name === 'string' ? { givenName: name } : name;
}

function score(q: string, name: string | PersonName): number {
  const match = scoreNameMatch(query(q), asName(name));
  if (match === null) throw new Error(`${q} does not match ${JSON.stringify(name)}`);
  return match.score;
}

function familyKeys(name: string): string[] {
  return nameKeysOf({ givenName: name }).filter((k) => k.startsWith('f:'));
}

function sharedKeys(a: string, b: string): string[] {
  const keys = new Set(nameKeysOf({ givenName: a }));
  return nameKeysOf({ givenName: b }).filter((k) => keys.has(k));
}

describe('acceptance examples', () => {
  const q = query('Mohammed Al-Hassan');

  it.each<[string, PersonName]>([
    ['Latin, El article', { givenName: 'Muhammad', familyName: 'El Hasan' }],
    ['Turkish', { givenName: 'Mehmet', familyName: 'Hasan' }],
    ['all in one part', { givenName: 'Muhammad El Hasan' }],
  ])('"Mohammed Al-Hassan" finds %s', (_label, stored) => {
    expect(sqlMatches(q, stored)).toBe(true);
    expect(scoreNameMatch(q, stored)).not.toBeNull();
  });

  it('finds a record through its Arabic-script name alone', () => {
    const stored: PersonName = { givenName: 'Unrelated', nameArabic: 'محمد الحسن' };
    expect(sqlMatches(q, stored)).toBe(true);
    const match = scoreNameMatch(q, stored);
    expect(match).not.toBeNull();
    expect(match?.reasons).toContain('arabic_script');
  });

  it('finds given and family name swapped, and says so', () => {
    const stored: PersonName = { givenName: 'Hasan', familyName: 'Muhammad' };
    expect(sqlMatches(q, stored)).toBe(true);
    expect(scoreNameMatch(q, stored)?.reasons).toContain('names_swapped');
    expect(score('Mohammed Al-Hassan', stored)).toBeLessThan(
      score('Mohammed Al-Hassan', { givenName: 'Muhammad', familyName: 'Hasan' }),
    );
  });

  it('ranks Muhammad Hasan above Mahmoud Hasan for "Mohammed Hasan"', () => {
    const muhammad = score('Mohammed Hasan', { givenName: 'Muhammad', familyName: 'Hasan' });
    const mahmoud = score('Mohammed Hasan', { givenName: 'Mahmoud', familyName: 'Hasan' });
    expect(muhammad).toBeGreaterThan(mahmoud);
  });

  it('ranks the exact spelling above a variant', () => {
    const exact = score('Mohammed Hasan', { givenName: 'Mohammed', familyName: 'Hasan' });
    const variant = score('Mohammed Hasan', { givenName: 'Muhammad', familyName: 'Hasan' });
    expect(exact).toBe(1);
    expect(exact).toBeGreaterThan(variant);
  });

  it('gives Abd al-Rahman, Abdurrahman, Abdulrahman, Abdel Rahman (and more) a shared key', () => {
    const spellings = [
      'Abd al-Rahman',
      'Abdurrahman',
      'Abdulrahman',
      'Abdel Rahman',
      'Abd Ar-Rahman',
      'Abdul Rahman',
      'Abdel-Rahman',
      'Abd-ul-Rahman',
      'Abdurahman',
      'Abdirahman',
      'Abdulrehman',
      'عبد الرحمن',
      'عبدالرحمن',
    ];
    const common = spellings
      .map((s) => new Set(nameKeysOf({ givenName: s })))
      .reduce((a, b) => new Set([...a].filter((k) => b.has(k))));
    expect([...common]).toContain('f:abdrahman');
    // The Latin ones are the same token after normalisation.
    for (const s of spellings.slice(0, 8)) expect(nameKeysOf({ givenName: s })).toContain('x:abdrahman');
  });

  it.each([
    [['Hüseyin', 'Hussein', 'Husayn', 'Hossein', 'Husain', 'Huseyin', 'حسين']],
    [['Ayşe', 'Aisha', 'Aysha', 'Aicha', 'Ayse', 'عائشة']],
    [['Fatma', 'Fatima', 'Fatemeh', 'Fatimah', 'فاطمة']],
  ])('gives %j a shared key', (spellings) => {
    const keySets = spellings.map((s) => new Set(nameKeysOf({ givenName: s })));
    const common = keySets.reduce((a, b) => new Set([...a].filter((k) => b.has(k))));
    expect(common.size).toBeGreaterThan(0);
  });
});

describe('the SQL contract: every query token shares a key with the stored name', () => {
  // [query, stored given name (or whole name)]: should be found.
  const positives: Array<[string, string | PersonName]> = [
    // Muhammad
    ['Mohammed', 'Muhammad'],
    ['Mohammed', 'Mohamed'],
    ['Mohammed', 'Mohamad'],
    ['Mohammed', 'Muhammed'],
    ['Mohammed', 'Mehmet'],
    ['Mohammed', 'Mehmed'],
    ['Mohammed', 'Mohammad'],
    ['Mohammed', 'Muhamed'],
    ['Mohammed', 'Mouhamad'],
    ['Mohammed', 'Muhammet'],
    ['Mohammed', 'Mhd'],
    ['Mohammed', 'Məmməd'],
    ['Mohammed', 'محمد'],
    ['Mohammed', 'مُحَمَّد'],
    ['محمد', 'Mehmet'],
    // Others, Latin to Latin
    ['Ahmad', 'Ahmed'],
    ['Ahmad', 'Ahmet'],
    ['Ahmad', 'Ehmed'],
    ['Mahmoud', 'Mahmut'],
    ['Mahmoud', 'Machmud'],
    ['Hasan', 'Hassan'],
    ['Hasan', 'Al-Hassan'],
    ['Hasan', 'El Hasan'],
    ['Hasan', 'Alhassan'],
    ['Hasan', 'Hesen'],
    ['Hussein', 'Hüseyin'],
    ['Hossein', 'Husayn'],
    ['Ali', 'Aly'],
    ['Ali', 'al-Ali'],
    ['Omar', 'Ömer'],
    ['Omar', 'Umar'],
    ['Osman', 'Othman'],
    ['Osman', 'Uthman'],
    ['Osman', 'Usman'],
    ['Abdullah', 'Abdallah'],
    ['Abdullah', 'Abd Allah'],
    ['Abdullah', 'Abdulla'],
    ['Abdullah', 'Abdollah'],
    ['Yusuf', 'Youssef'],
    ['Yusuf', 'Yousef'],
    ['Yusuf', 'Joseph'],
    ['Ibrahim', 'İbrahim'],
    ['Ibrahim', 'Ebrahim'],
    ['Ismail', 'İsmail'],
    ['Ismail', 'Esmail'],
    ['Mustafa', 'Moustafa'],
    ['Mustafa', 'Mostafa'],
    ['Mustafa', 'Mustapha'],
    ['Khalid', 'Halit'],
    ['Khalid', 'Khaled'],
    ['Khalid', 'Chalid'],
    ['Khalid', 'Xalid'],
    ['Zainab', 'Zeynep'],
    ['Maryam', 'Meryem'],
    ['Maryam', 'Mariam'],
    ['Khadija', 'Hatice'],
    ['Khadija', 'Chadidscha'],
    ['Hamza', 'Hamzah'],
    ['Bilal', 'Belal'],
    ['Yasin', 'Yassin'],
    ['Yasin', 'Yacine'],
    ['Nur', 'Nour'],
    ['Nur', 'Noor'],
    ['Layla', 'Leyla'],
    ['Layla', 'Leila'],
    ['Salma', 'Selma'],
    ['Amina', 'Emine'],
    ['Rahim', 'Raheem'],
    ['Reza', 'Rıza'],
    ['Reza', 'Ridha'],
    ['Mohsen', 'Muhsin'],
    ['Mehdi', 'Mahdi'],
    ['Jafar', 'Cafer'],
    ['Jafar', "Ja'far"],
    ['Karim', 'Kerim'],
    ['Rashid', 'Reşit'],
    ['Rashid', 'Rachid'],
    ['Said', 'Saeed'],
    ['Said', 'Sait'],
    ['Said', 'Saïd'],
    ['Walid', 'Velid'],
    ['Walid', 'Oualid'],
    ['Khalil', 'Halil'],
    ['Jamal', 'Cemal'],
    ['Jamal', 'Djamel'],
    ['Kamal', 'Kemal'],
    ['Jalal', 'Celal'],
    ['Nasser', 'Nasır'],
    ['Ramadan', 'Ramazan'],
    ['Rajab', 'Recep'],
    ['Tawfiq', 'Tevfik'],
    ['Abdulkadir', 'Abdelkader'],
    ['Abdulkadir', 'Abd al-Qadir'],
    ['Abdülkadir', 'Abdul Kadir'],
    ['Abdulaziz', 'Abd el-Aziz'],
    ['Abdullatif', 'Abdulatif'],
    ['Abdulkarim', 'Abdülkerim'],
    ['Abu Bakr', 'Ebubekir'],
    ['Abu Bakr', 'Abubakar'],
    ['Abu al-Hasan', 'Abul Hassan'],
    ['Nur ad-Din', 'Nurettin'],
    ['Nur ad-Din', 'Nureddin'],
    ['Nur ad-Din', 'Nour Eddine'],
    ['Salah ad-Din', 'Selahattin'],
    ['Salah ad-Din', 'Salahuddin'],
    ['Salah ad-Din', 'Saladin'],
    ['Necmettin', 'Najm al-Din'],
    ['Habibullah', 'Habib Ullah'],
    ['Habibullah', 'Habibollah'],
    ['Nasrallah', 'Nasrullah'],
    ['Kurdi', 'Al-Kurdi'],
    ['Haddad', 'Hadad'],
    ['Darwish', 'Derviş'],
    ['Khatib', 'El Hatip'],
    ['Hosseini', 'Husseini'],
    ['Mousavi', 'Musawi'],
    // Latin query, Arabic-script record
    ['Ahmad', 'أحمد'],
    ['Mahmoud', 'محمود'],
    ['Hasan', 'الحسن'],
    ['Hussein', 'حسين'],
    ['Ali', 'علي'],
    ['Omar', 'عمر'],
    ['Osman', 'عثمان'],
    ['Abdulrahman', 'عبد الرحمن'],
    ['Abdullah', 'عبد الله'],
    ['Abdullah', 'عبدالله'],
    ['Yusuf', 'يوسف'],
    ['Ibrahim', 'إبراهيم'],
    ['Ismail', 'اسماعيل'],
    ['Mustafa', 'مصطفى'],
    ['Khalid', 'خالد'],
    ['Fatma', 'فاطمة'],
    ['Aisha', 'عائشة'],
    ['Zeynep', 'زينب'],
    ['Meryem', 'مريم'],
    ['Hatice', 'خديجة'],
    ['Hamza', 'حمزة'],
    ['Bilal', 'بلال'],
    ['Yasin', 'ياسين'],
    ['Nour', 'نور'],
    ['Leyla', 'ليلى'],
    ['Salma', 'سلمى'],
    ['Amina', 'آمنة'],
    ['Reza', 'رضا'],
    ['Mehdi', 'مهدي'],
    ['Cafer', 'جعفر'],
    ['Kerim', 'كريم'],
    ['Reşit', 'رشيد'],
    ['Said', 'سعيد'],
    ['Velid', 'وليد'],
    ['Halil', 'خليل'],
    ['Cemal', 'جمال'],
    ['Nasser', 'ناصر'],
    ['Hamdan', 'حمدان'],
    ['Haddad', 'حداد'],
    ['Kurdi', 'الكردي'],
    ['Ebubekir', 'أبو بكر'],
    ['Abdülkadir', 'عبد القادر'],
    ['Nurettin', 'نور الدين'],
    ['Selahattin', 'صلاح الدين'],
    ['Habibullah', 'حبيب الله'],
    // Names in Arabic script with no family: only the skeleton carries them across.
    ['Hayat', 'حياة'],
    ['Thaer', 'ثائر'],
    ['Marouane', 'مروان'],
    ['Ziad', 'زياد'],
    // Arabic query
    ['محمد الحسن', { givenName: 'Mehmet', familyName: 'Hasan' }],
    ['عبد الرحمن', 'Abdurrahman'],
    ['حسين', 'Hossein'],
    // Connectors and several parts
    ['Ahmad bin Hasan', { givenName: 'Ahmad', familyName: 'Hasan' }],
    ['Ahmad Hasan', { givenName: 'Ahmed', fatherName: 'Hassan', familyName: 'Khalil' }],
    ['Ahmad Fatima', { givenName: 'Ahmad', motherName: 'Fatma' }],
    ['Hasan Mohammed', { givenName: 'Mohammed', familyName: 'Hasan' }],
  ];

  it.each(positives)('"%s" finds %j', (q, stored) => {
    const parsed = query(q);
    expect(sqlMatches(parsed, asName(stored))).toBe(true);
    expect(scoreNameMatch(parsed, asName(stored))).not.toBeNull();
  });

  // [query, stored]: must not be found at all.
  const negatives: Array<[string, string | PersonName]> = [
    ['Ahmad', 'Mahmoud'],
    ['Ahmad', 'Hamid'],
    ['Ali', 'Aliya'],
    ['Aliya', 'Ali'],
    ['Yusuf', 'Yunus'],
    ['Omar', 'Othman'],
    ['Fatima', 'Fadi'],
    ['Mohammed', 'Mohammadi'],
    ['Hasan', 'Ahmad'],
    ['Mohammed Hasan', { givenName: 'Mohammed', familyName: 'Khalil' }],
    ['Jamilah', 'Jamalullah'],
    ['Alper', 'Per'],
    ['Isa', 'Musa'],
  ];

  it.each(negatives)('"%s" does not find %j', (q, stored) => {
    const parsed = query(q);
    expect(sqlMatches(parsed, asName(stored))).toBe(false);
    expect(scoreNameMatch(parsed, asName(stored))).toBeNull();
  });

  it('keeps Ahmad and Mahmoud in different families, and Muhammad and Mahmoud too', () => {
    expect(familyKeys('Ahmad')).toEqual(['f:ahmad']);
    expect(familyKeys('Mahmoud')).toEqual(['f:mahmud']);
    expect(familyKeys('Muhammad')).toEqual(['f:muhammad']);
    expect(familyKeys('Mehmet')).toEqual(['f:muhammad']);
    // The skeleton still joins Muhammad and Mahmoud: found, but only phonetically.
    expect(sharedKeys('Muhammad', 'Mahmoud')).toEqual(['s:mhmt']);
    expect(scoreNameMatch(query('Mohammed'), { givenName: 'Mahmoud' })?.reasons).toEqual(['name_phonetic']);
  });

  it('treats Ali and Aliya as different names (no shared key), but Ali and علي as one', () => {
    expect(sharedKeys('Ali', 'Aliya')).toEqual([]);
    expect(sharedKeys('Ali', 'علي')).toEqual(['f:ali']);
  });
});

describe('nameKeysOf', () => {
  it('returns deduplicated, sorted keys of every part', () => {
    const keys = nameKeysOf({
      givenName: 'Mohammed',
      familyName: 'Al-Hassan',
      fatherName: 'Mohammed',
      motherName: null,
      nameArabic: 'محمد الحسن',
    });
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(keys).toEqual(
      expect.arrayContaining([
        'x:mohammed',
        'f:muhammad',
        's:mhmt',
        'x:hassan',
        'f:hasan',
        's:hsn',
        'x:محمد',
        'x:حسن',
      ]),
    );
    expect(keys.filter((k) => k === 'f:muhammad')).toHaveLength(1);
  });

  it('ignores empty parts, connectors, articles and one-letter initials', () => {
    expect(nameKeysOf({ givenName: 'M. Ali', familyName: '', fatherName: undefined })).toEqual([
      'f:ali',
      'x:ali',
    ]);
    expect(nameKeysOf({ givenName: 'Ahmad bin Ali' })).toEqual(nameKeysOf({ givenName: 'Ahmad Ali' }));
    expect(nameKeysOf({ givenName: 'أحمد بن علي' })).toEqual(nameKeysOf({ givenName: 'أحمد علي' }));
  });

  it('keeps a lone article-like family name (Turkish "Er")', () => {
    expect(nameKeysOf({ givenName: 'Mehmet', familyName: 'Er' })).toContain('x:er');
  });

  it('keeps names in other scripts as exact keys', () => {
    expect(nameKeysOf({ givenName: 'Олена' })).toEqual(['x:олена']);
  });

  it.each([
    ['Mohammed', 'MOHAMMED'],
    ['Hüseyin', 'HÜSEYİN'],
    ['Hüseyin', 'Huseyin'],
    ['Ayşe', 'AYSE'],
    ['Işık', 'Isik'],
    ['Müller', 'Muller'],
    ['Strauß', 'Strauss'],
    ['Al-Hassan', 'al hassan'],
    ['Al-Hassan', 'El-Hassan'],
    ['Ash-Shami', 'Al Shami'],
    ["Ma'mun", 'Mamun'],
    ['Sa‘id', 'Said'],
    ['Abd al-Rahman', 'ABDURRAHMAN'],
    ['مُحَمَّد', 'محمد'],
    ['محمـــد', 'محمد'],
    ['فاطمة', 'فاطمه'],
    ['مصطفى', 'مصطفي'],
    ['أحمد', 'احمد'],
    ['إبراهيم', 'ابراهيم'],
    ['الحسن', 'حسن'],
  ])('normalises %s and %s to the same keys', (a, b) => {
    expect(nameKeysOf({ givenName: a })).toEqual(nameKeysOf({ givenName: b }));
  });
});

describe('parseNameQuery', () => {
  it.each(['', '   ', '-- .. ,', 'M.', 'A B C', '123', '؟،'])('returns null for %j', (q) => {
    expect(parseNameQuery(q)).toBeNull();
  });

  it('puts the strongest key first', () => {
    const q = query('Mohammed');
    expect(q.tokens).toHaveLength(1);
    expect(q.tokens[0].text).toBe('mohammed');
    expect(strongestKey(q.tokens[0])).toBe('x:mohammed');
    expect(q.tokens[0].keys).toEqual(['x:mohammed', 'f:muhammad', 's:mhmt']);
    expect(q.tokens[0].keys.map(keyStrength)).toEqual([3, 2, 1]);
  });

  it('joins compounds and drops articles', () => {
    expect(query('Abd al-Rahman Al-Hassan').tokens.map((t) => t.text)).toEqual(['abdrahman', 'hassan']);
    expect(query('عبد الرحمن الحسن').tokens.map((t) => t.text)).toEqual(['عبدالرحمن', 'حسن']);
  });

  it(`keeps at most ${MAX_QUERY_TOKENS} tokens`, () => {
    expect(query('Ali Hasan Omar Yusuf Ahmad Khalil Bilal Hamza').tokens).toHaveLength(MAX_QUERY_TOKENS);
  });
});

describe('scoreNameMatch', () => {
  it('returns null when a query token matches nothing', () => {
    expect(
      scoreNameMatch(query('Mohammed Zainab'), { givenName: 'Mohammed', familyName: 'Hasan' }),
    ).toBeNull();
  });

  it('reports the reasons that applied', () => {
    const reasons = (q: string, name: PersonName): string[] | undefined =>
      scoreNameMatch(query(q), name)?.reasons;
    expect(reasons('Mohammed Hasan', { givenName: 'Mohammed', familyName: 'Hasan' })).toEqual(['name_exact']);
    expect(reasons('Mohammed Hasan', { givenName: 'Mehmet', familyName: 'Hasan' })).toEqual([
      'name_exact',
      'name_variant',
    ]);
    expect(reasons('Hayat', { givenName: 'Unknown', nameArabic: 'حياة' })).toEqual([
      'name_phonetic',
      'arabic_script',
    ]);
    expect(reasons('Ahmad Hasan', { givenName: 'Ahmad', fatherName: 'Hasan', familyName: 'Khalil' })).toEqual(
      ['name_exact', 'father_name'],
    );
    expect(reasons('Hasan Ahmad', { givenName: 'Ahmad', familyName: 'Hasan' })).toEqual([
      'name_exact',
      'names_swapped',
    ]);
  });

  it('is deterministic', () => {
    const q = query('Mohammed Al-Hassan');
    const name: PersonName = { givenName: 'Mehmet', familyName: 'Hasan', nameArabic: 'محمد حسن' };
    expect(scoreNameMatch(q, name)).toEqual(scoreNameMatch(q, name));
    expect(scoreNameMatch(query('Mohammed Al-Hassan'), name)).toEqual(scoreNameMatch(q, name));
  });

  // Each row: a query and records in the order they must rank (strictly decreasing scores).
  it.each<[string, Array<string | PersonName>]>([
    [
      'Mohammed Hasan',
      [
        { givenName: 'Mohammed', familyName: 'Hasan' },
        { givenName: 'Mohamed', familyName: 'Hasan' },
        { givenName: 'Mehmet', familyName: 'Hassan' },
        { givenName: 'Mahmoud', familyName: 'Hasan' },
      ],
    ],
    [
      // exact > family variant > skeleton only
      'Hasan',
      ['Hasan', 'Hassan', 'Hasna'],
    ],
    [
      // given+family beats father's name; more tokens matched beats fewer
      'Ahmad Hasan',
      [
        { givenName: 'Ahmad', familyName: 'Hasan' },
        { givenName: 'Ahmad', familyName: 'Hasan Khalil' },
        { givenName: 'Ahmad', fatherName: 'Hasan', familyName: 'Khalil' },
      ],
    ],
    [
      // swapped is slightly below the same order, still above a father's-name match
      'Ahmad Hasan',
      [
        { givenName: 'Ahmad', familyName: 'Hasan' },
        { givenName: 'Hasan', familyName: 'Ahmad' },
        { givenName: 'Ahmad', fatherName: 'Hasan', familyName: 'Khalil' },
      ],
    ],
    [
      // the Latin name beats the same name found only in Arabic script
      'Mohammed',
      ['Mohammed', { givenName: 'Other', nameArabic: 'محمد' }, 'Mahmoud'],
    ],
    ['Mohammed', ['Mohamed', 'Muhammad', 'Mehmet']],
  ])('ranks the candidates for "%s" in order', (q, names) => {
    const scores = names.map((n) => score(q, n));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('agrees with the SQL filter on every pair of a sample', () => {
    const queries = [
      'Mohammed Hasan',
      'Hasan',
      'Ali',
      'Fatma Yilmaz',
      'محمد',
      'Abdurrahman',
      'Husayn Ali',
      'Zainab',
    ];
    const names: PersonName[] = [
      { givenName: 'Muhammad', familyName: 'Hasan' },
      { givenName: 'Mahmoud', familyName: 'Hussein' },
      { givenName: 'Ali', familyName: 'Yılmaz', fatherName: 'Hasan' },
      { givenName: 'Fatima', familyName: 'Yilmaz', nameArabic: 'فاطمة' },
      { givenName: 'Abd al-Rahman', familyName: 'Ali' },
      { givenName: 'Zeynep', familyName: 'Kaya', motherName: 'Fatma' },
      { givenName: 'Aliya', familyName: 'Haddad', nameArabic: 'علياء حداد' },
    ];
    for (const q of queries) {
      for (const name of names) {
        const parsed = query(q);
        expect([q, name, scoreNameMatch(parsed, name) !== null]).toEqual([q, name, sqlMatches(parsed, name)]);
      }
    }
  });
});

describe('property: typing variations of a name still match it exactly', () => {
  // A small deterministic PRNG (mulberry32), so failures can be reproduced.
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const accents: Record<string, string[]> = {
    a: ['á', 'à', 'â', 'ä'],
    e: ['é', 'è', 'ê', 'ë'],
    i: ['í', 'î', 'ı', 'ï'],
    o: ['ó', 'ô', 'ö'],
    u: ['ú', 'û', 'ü'],
    s: ['ş'],
    c: ['ç'],
    g: ['ğ'],
  };
  function perturb(name: string, random: () => number): string {
    let out = '';
    for (const ch of name) {
      let c = ch;
      const options = accents[c.toLowerCase()];
      if (options !== undefined && random() < 0.3) c = options[Math.floor(random() * options.length)];
      if (random() < 0.4) c = random() < 0.5 ? c.toUpperCase() : c.toLowerCase();
      if (c === ' ' && random() < 0.3) c = random() < 0.5 ? '-' : ' , ';
      out += c;
      if (random() < 0.05 && /\p{L}/u.test(c)) out += "'";
    }
    return random() < 0.5 ? `  ${out} ` : out;
  }
  const names = [
    'Mohammed Al-Hassan',
    'Hussein Khalil',
    'Fatima Zahra Haddad',
    'Abd al-Rahman Darwish',
    'Ibrahim Ismail Kurdi',
    'Zainab Ali Hamdan',
    'Khadija Yusuf',
    'Abu Bakr Said',
    'Salah ad-Din Ayyub',
    'Leyla Rashid',
  ];
  it.each(names)('%s', (name) => {
    const random = prng(name.length * 7919);
    for (let run = 0; run < 40; run++) {
      const typed = perturb(name, random);
      const match = scoreNameMatch(query(typed), { givenName: name });
      expect([typed, match?.reasons]).toEqual([typed, ['name_exact']]);
      expect(match?.score).toBe(1);
    }
  });
});
