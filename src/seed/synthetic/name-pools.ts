/**
 * Name pools of synthetic people, by origin. Common given and family names only, combined at random:
 * no entry, and no combination the generator makes on purpose, is a real person.
 *
 * Each line is `Latin [Arabic-script] [weight]`: the Latin form is the spelling-family canonical
 * where one exists (src/beneficiaries/names/name-families.ts gives the variants people are actually
 * registered under); the Arabic-script form (Arabic or Persian spelling) is used for `name_arabic`.
 * Family names that take the article are written `Al-Root`: the generator spells the article in its
 * registered variants (Al-, Al , Al, El-, El , or dropped). Weights are relative (default 1).
 */

export interface PoolName {
  latin: string;
  arabic?: string;
  weight: number;
}

/** Parses the compact `Latin [Arabic] [weight]` lines below. */
export function parsePool(text: string): PoolName[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split(/\s*\|\s*/);
      const [latin, arabic, weight] = parts;
      return {
        latin,
        arabic: arabic || undefined,
        weight: weight ? Number(weight) : 1,
      };
    });
}

// --- Arabic (Syria, Iraq) ---------------------------------------------------------------------------

export const ARABIC_MALE = parsePool(`
Muhammad | محمد | 14
Ahmad | أحمد | 7
Mahmoud | محمود | 4
Mustafa | مصطفى | 3
Ali | علي | 4
Hassan | حسن | 3
Hussein | حسين | 3
Omar | عمر | 3
Khaled | خالد | 3
Abdullah | عبد الله | 3
Abdulrahman | عبد الرحمن | 2.5
Ibrahim | إبراهيم | 2.5
Yusuf | يوسف | 2.5
Khalil | خليل | 1.5
Ismail | إسماعيل | 1.5
Walid | وليد | 1.2
Mazen | مازن
Samer | سامر
Bashar | بشار
Fadi | فادي
Rami | رامي
Hamza | حمزة | 1.5
Bilal | بلال
Tareq | طارق
Ziad | زياد
Nasser | ناصر
Jamal | جمال
Adnan | عدنان
Anas | أنس
Osama | أسامة
Majed | ماجد
Imad | عماد
Ayman | أيمن
Hisham | هشام
Saleh | صالح | 1.2
Salim | سليم
Abdulkarim | عبد الكريم
Abdulaziz | عبد العزيز
Abdulqader | عبد القادر
Mohannad | مهند
Qasim | قاسم
Jihad | جهاد
Hamid | حامد
Karim | كريم
Said | سعيد
Nabil | نبيل
Riad | رياض
Firas | فراس
Ghassan | غسان
Yasser | ياسر
Ammar | عمار
Obada | عبادة
Moaz | معاذ
Hadi | هادي
Jawad | جواد
Haidar | حيدر
Abbas | عباس
Kadhim | كاظم
Murtada | مرتضى
Mahdi | مهدي
Raed | رائد
Zaid | زيد
Yahya | يحيى
Issa | عيسى
Musa | موسى
Suleiman | سليمان
Othman | عثمان
Hamoud | حمود
Abdulhamid | عبد الحميد
Abdulsalam | عبد السلام
`);

export const ARABIC_FEMALE = parsePool(`
Fatima | فاطمة | 6
Aisha | عائشة | 3
Maryam | مريم | 3.5
Khadija | خديجة | 3
Zeinab | زينب | 2.5
Amina | آمنة | 2.5
Nour | نور | 2.5
Huda | هدى | 1.5
Rania | رانيا
Hala | هالة
Samira | سميرة
Layla | ليلى | 1.5
Rasha | رشا
Reem | ريم
Hanan | حنان
Safaa | صفاء
Asmaa | أسماء | 1.5
Ola | علا
Lina | لينا
Dima | ديما
Rana | رنا
Yasmin | ياسمين | 1.2
Sara | سارة | 1.5
Nada | ندى
Heba | هبة
Salma | سلمى
Amal | أمل
Wafaa | وفاء
Ghada | غادة
Suad | سعاد
Samar | سمر
Manal | منال
Rahaf | رهف
Jana | جنى
Shahd | شهد
Raghad | رغد
Bushra | بشرى
Nawal | نوال
Abeer | عبير
Malak | ملاك
Dalia | داليا
Ruqayya | رقية
Tasneem | تسنيم
Hajar | هاجر
Iman | إيمان
Najwa | نجوى
Hind | هند
Mona | منى
Alaa | آلاء
Batoul | بتول
`);

export const ARABIC_FAMILY = parsePool(`
Al-Hassan | الحسن | 3
Al-Ahmad | الأحمد | 3
Al-Muhammad | المحمد | 2.5
Al-Ali | العلي | 2.5
Al-Hussein | الحسين | 2
Al-Khalil | الخليل
Al-Omar | العمر | 1.5
Al-Abdullah | العبدالله | 1.5
Al-Saleh | الصالح
Al-Ibrahim | الإبراهيم
Al-Hamoud | الحمود
Al-Mustafa | المصطفى
Al-Jasem | الجاسم
Al-Hamad | الحمد
Al-Khatib | الخطيب
Al-Sheikh | الشيخ
Al-Rifai | الرفاعي
Al-Zoubi | الزعبي
Al-Hariri | الحريري
Al-Halabi | الحلبي
Al-Shami | الشامي
Al-Masri | المصري
Al-Homsi | الحمصي
Al-Tamimi | التميمي
Al-Jubouri | الجبوري
Al-Dulaimi | الدليمي
Al-Obaidi | العبيدي
Al-Shammari | الشمري
Al-Zubaidi | الزبيدي
Al-Janabi | الجنابي
Al-Azzawi | العزاوي
Al-Hashimi | الهاشمي
Al-Ani | العاني
Hamdan | حمدان
Khalil | خليل
Haddad | حداد
Najjar | نجار
Darwish | درويش | 1.2
Qassab | قصاب
Hamwi | حموي
Idlibi | إدلبي
Kurdi | كردي
Othman | عثمان
Suleiman | سليمان
Yassin | ياسين
Mansour | منصور
Nasser | ناصر
Awad | عواد
Kanaan | كنعان
Hammadi | حمادي
Abdulrahman | عبد الرحمن
Hussein | حسين
Mahmoud | محمود
Youssef | يوسف
Taha | طه
Bakour | بكور
Shaaban | شعبان
Hajj Ali | حاج علي
`);

// --- Kurdish (Syria, Iraq, Turkey; Latin Kurmanji spelling, Arabic-script where registered so) ----

export const KURDISH_MALE = parsePool(`
Azad | آزاد | 2
Rojhat | روجهات
Sherzad | شيرزاد
Dilshad | دلشاد
Hejar | هجار
Baran | باران
Rezan | ريزان
Berzan | برزان
Shiyar | شيار
Welat | ولات
Serdar | سردار
Kawa | كاوا
Diyar | ديار
Renas | ريناس
Zana | زانا
Hozan | هوزان
Rebwar | ريبوار
Aram | آرام
Karwan | كاروان
Shivan | شفان
Bahoz | باهوز
Muhammad | محمد | 3
Ahmad | أحمد | 2
Ali | علي | 1.5
Hassan | حسن
Mustafa | مصطفى
`);

export const KURDISH_FEMALE = parsePool(`
Jiyan | جيان | 1.5
Rojda | روجدا
Berfin | برفين | 1.5
Zozan | زوزان
Nesrin | نسرين
Gulistan | كلستان
Dilan | ديلان
Hevin | هيفين
Rojin | روجين
Avesta | آفستا
Berivan | بيريفان
Nazdar | نازدار
Shilan | شيلان
Helin | هيلين
Ronahi | روناهي
Fatima | فاطمة | 2
Amina | آمنة
Zeinab | زينب
`);

export const KURDISH_FAMILY = parsePool(`
Sheikho | شيخو | 1.5
Mamo | مامو
Hamo | حمو
Haji | حاجي
Issa | عيسى
Kalo | كالو
Rashid | رشيد
Berwari | برواري
Doski | دوسكي
Sindi | سندي
Amedi | عمادي
Kurdi | كردي | 1.5
Bakir | بكر
Khalil | خليل
Ali | علي
Hussein | حسين
Osso | عيسو
Bozan | بوزان
`);

// --- Afghan (Dari and Pashto names; Persian script) ------------------------------------------------

export const AFGHAN_MALE = parsePool(`
Muhammad | محمد | 6
Ahmad | احمد | 4
Ali | علی | 3
Hussein | حسین | 2
Ghulam | غلام | 1.5
Reza | رضا | 1.5
Jawad | جواد
Mustafa | مصطفی
Hamid | حمید
Nasir | ناصر
Wahid | وحید
Farid | فرید
Navid | نوید
Zabihullah | ذبیح‌الله
Rahmatullah | رحمت‌الله
Naqibullah | نقیب‌الله
Habibullah | حبیب‌الله
Sayed | سید
Noor | نور
Rahim | رحیم
Karim | کریم
Shafiq | شفیق
Jamshid | جمشید
Sohrab | سهراب
Mirwais | میرویس
Bashir | بشیر
Qasim | قاسم
Sultan | سلطان
Baqir | باقر
Abdulrahman | عبدالرحمن
`);

export const AFGHAN_FEMALE = parsePool(`
Fatima | فاطمه | 3
Zahra | زهرا | 2.5
Maryam | مریم | 2
Masooma | معصومه
Zeinab | زینب
Shabnam | شبنم
Farzana | فرزانه
Nargis | نرگس
Parwana | پروانه
Marzia | مرضیه
Sakina | سکینه
Gulalai | گلالی
Freshta | فرشته
Mina | مینا
Layla | لیلا
Nazanin | نازنین
Roya | رویا
Sima | سیما
Khadija | خدیجه
`);

export const AFGHAN_FAMILY = parsePool(`
Ahmadi | احمدی | 2
Rahimi | رحیمی
Hashimi | هاشمی
Muhammadi | محمدی | 1.5
Husseini | حسینی | 1.5
Karimi | کریمی
Rezaei | رضایی
Sultani | سلطانی
Hakimi | حکیمی
Noori | نوری
Azizi | عزیزی
Jafari | جعفری
Haidari | حیدری
Sadat | سادات
Popal | پوپل
Stanikzai | ستانکزی
Safi | صافی
Amiri | امیری
Yousufzai | یوسفزی
Qaderi | قادری
Akbari | اکبری
Nazari | نظری
`);

// --- Iranian (Persian script) -----------------------------------------------------------------------

export const IRANIAN_MALE = parsePool(`
Muhammad | محمد | 3
Ali | علی | 3
Hussein | حسین | 2
Reza | رضا | 2
Mahdi | مهدی | 1.5
Amir | امیر
Said | سعید
Hamid | حمید
Majid | مجید
Behnam | بهنام
Arash | آرش
Dariush | داریوش
Kourosh | کوروش
Babak | بابک
Farhad | فرهاد
Omid | امید
Navid | نوید
Payam | پیام
`);

export const IRANIAN_FEMALE = parsePool(`
Maryam | مریم | 2
Fatima | فاطمه | 2
Zahra | زهرا | 2
Sara | سارا
Neda | ندا
Layla | لیلا
Shirin | شیرین
Mahsa | مهسا
Parisa | پریسا
Nasrin | نسرین
Azadeh | آزاده
Elham | الهام
Nargis | نرگس
Somayeh | سمیه
`);

export const IRANIAN_FAMILY = parsePool(`
Husseini | حسینی | 2
Muhammadi | محمدی | 2
Ahmadi | احمدی
Rezaei | رضایی
Moradi | مرادی
Karimi | کریمی
Jafari | جعفری
Rahimi | رحیمی
Hashimi | هاشمی
Ghorbani | قربانی
Sadeghi | صادقی
Kazemi | کاظمی
Ebrahimi | ابراهیمی
Mousavi | موسوی
Najafi | نجفی
Tehrani | تهرانی
Shirazi | شیرازی
Tabrizi | تبریزی
`);

// --- Turkish (host community; Latin only) -----------------------------------------------------------

export const TURKISH_MALE = parsePool(`
Mehmet | | 5
Mustafa | | 3
Ahmet | | 3
Ali | | 2.5
Hüseyin | | 2
Hasan | | 2
İbrahim | | 1.5
İsmail | | 1.2
Osman | | 1.2
Yusuf | | 1.2
Murat
Ömer
Ramazan
Halil
Süleyman
Abdullah
Mahmut
Recep
Salih
Fatih
Kadir
Emre
Burak
Yasin
Furkan
Enes
Emir
`);

export const TURKISH_FEMALE = parsePool(`
Fatma | | 4
Ayşe | | 3
Emine | | 3
Hatice | | 2.5
Zeynep | | 2
Elif | | 1.5
Meryem | | 1.5
Şerife
Zehra
Sultan
Hanife
Merve
Havva
Zeliha
Esra
Fadime
Özlem
Yasemin
Büşra
Kübra
Rabia
`);

export const TURKISH_FAMILY = parsePool(`
Yılmaz | | 3
Kaya | | 2
Demir | | 2
Çelik | | 2
Şahin | | 2
Yıldız | | 1.5
Yıldırım | | 1.5
Öztürk | | 1.5
Aydın | | 1.5
Özdemir | | 1.5
Arslan
Doğan
Kılıç
Aslan
Çetin
Kara
Koç
Kurt
Özkan
Şimşek
Polat
Güneş
Aksoy
Korkmaz
Bulut
Keskin
Ünal
Tekin
Akın
Karaca
Türkmen
Uçar
Aktaş
`);

// --- Ukrainian (Latin, national transliteration) --------------------------------------------------

export const UKRAINIAN_MALE = parsePool(`
Oleksandr | | 2
Serhii
Andrii
Dmytro
Volodymyr
Mykola
Ivan
Oleh
Yurii
Vasyl
Maksym
Artem
Bohdan
Taras
`);

export const UKRAINIAN_FEMALE = parsePool(`
Olena | | 2
Tetiana
Nataliia
Iryna
Svitlana
Oksana
Yuliia
Kateryna
Anna
Mariia
Olha
Viktoriia
Halyna
Liudmyla
`);

export const UKRAINIAN_FAMILY = parsePool(`
Kovalenko
Shevchenko
Bondarenko
Tkachenko
Kravchenko
Melnyk
Boiko
Kovalchuk
Oliinyk
Lysenko
Moroz
Marchenko
Savchenko
Rudenko
Petrenko
Pavlenko
Ponomarenko
Tkachuk
`);

// --- Somali -----------------------------------------------------------------------------------------

export const SOMALI_MALE = parsePool(`
Muhammad | محمد | 3
Abdi | عبدي | 2
Ahmad | أحمد | 2
Ali | علي | 1.5
Hassan | حسن
Abdulrahman | عبد الرحمن
Abdullahi | عبد الله
Omar | عمر
Yusuf | يوسف
Ibrahim | إبراهيم
Ismail | إسماعيل
Said | سعيد
Farah | فارح
`);

export const SOMALI_FEMALE = parsePool(`
Fadumo | | 2
Hodan
Amina | آمنة
Halima | حليمة
Hawa | حواء
Asha
Sahra
Ifrah
Nasra
Sagal
Deeqa
Ubah
`);

export const SOMALI_FAMILY = parsePool(`
Warsame
Farah
Abdi
Hassan
Muhammad
Ali
Omar
Jama
Nur
Yusuf
Egal
Guled
Aden
Dahir
Hersi
`);
