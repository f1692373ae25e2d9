import { Weighted } from './random';

/**
 * Where synthetic people live: districts of Istanbul with refugee populations (Sultanbeyli, the home
 * of the model association, first) and their neighbourhoods (mahalle), and a few German towns with
 * their quarters for the German demo. Street names are generic.
 */

export interface District {
  country: 'TR' | 'DE';
  /** Province (il) in Turkey, Land in Germany. */
  province: string;
  /** District (ilçe) in Turkey, town in Germany. */
  district: string;
  neighbourhoods: readonly string[];
}

const istanbul = (district: string, neighbourhoods: string): District => ({
  country: 'TR',
  province: 'İstanbul',
  district,
  neighbourhoods: neighbourhoods.split(',').map((n) => n.trim()),
});

const german = (province: string, district: string, neighbourhoods: string): District => ({
  country: 'DE',
  province,
  district,
  neighbourhoods: neighbourhoods.split(',').map((n) => n.trim()),
});

/** Weights: the association's own district first, then the districts most refugees live in. */
export const DISTRICTS: Weighted<District> = [
  [
    istanbul(
      'Sultanbeyli',
      'Abdurrahmangazi, Adil, Ahmet Yesevi, Akşemsettin, Battalgazi, Fatih, Hamidiye, Hasanpaşa, Mecidiye, Mehmet Akif, Mimar Sinan, Necip Fazıl, Orhangazi, Turgut Reis, Yavuz Selim',
    ),
    34,
  ],
  [
    istanbul(
      'Esenyurt',
      'Akçaburgaz, Ardıçlı, Cumhuriyet, Fatih, Güzelyurt, İnönü, Kıraç, Mehterçeşme, Namık Kemal, Pınar, Saadetdere, Talatpaşa, Yenikent, Zafer',
    ),
    12,
  ],
  [
    istanbul(
      'Küçükçekmece',
      'Atakent, Cennet, Fatih, Fevzi Çakmak, Gültepe, Halkalı Merkez, İnönü, Kanarya, Kemalpaşa, Sultanmurat, Tevfikbey, Yarımburgaz',
    ),
    9,
  ],
  [
    istanbul(
      'Bağcılar',
      'Bağlar, Demirkapı, Fevzi Çakmak, Göztepe, Güneşli, Kazım Karabekir, Kirazlı, Mahmutbey, Yavuzselim, Yenigün, Yıldıztepe',
    ),
    8,
  ],
  [
    istanbul(
      'Fatih',
      'Aksaray, Balat, Cerrahpaşa, Fındıkzade, Hırka-i Şerif, Karagümrük, Kumkapı, Molla Gürani, Yedikule, Zeyrek',
    ),
    7,
  ],
  [
    istanbul(
      'Başakşehir',
      'Altınşehir, Başak, Güvercintepe, Kayabaşı, Şahintepe, Ziya Gökalp, Bahçeşehir 1. Kısım',
    ),
    6,
  ],
  [
    istanbul(
      'Sultangazi',
      '50. Yıl, Cebeci, Esentepe, Gazi, Habipler, İsmetpaşa, Uğur Mumcu, Yunus Emre, Zübeyde Hanım',
    ),
    6,
  ],
  [istanbul('Esenler', 'Fevzi Çakmak, Havaalanı, Menderes, Oruçreis, Tuna, Turgutreis'), 5],
  [istanbul('Pendik', 'Ahmet Yesevi, Çamlık, Esenyalı, Kurtköy, Sapanbağları, Yayalar'), 4],
  [istanbul('Zeytinburnu', 'Beştelsiz, Çırpıcı, Gökalp, Nuripaşa, Seyitnizam, Telsiz, Yenidoğan'), 3],
  [istanbul('Arnavutköy', 'Anadolu, Arnavutköy Merkez, Bolluca, Hadımköy, Taşoluk'), 2],
  [german('Nordrhein-Westfalen', 'Duisburg', 'Marxloh, Hochfeld, Rheinhausen, Meiderich'), 1.5],
  [german('Bremen', 'Bremen', 'Gröpelingen, Vahr, Osterholz, Huchting'), 1],
  [german('Baden-Württemberg', 'Mannheim', 'Neckarstadt-West, Jungbusch, Schönau'), 1],
  [german('Hessen', 'Offenbach am Main', 'Nordend, Lauterborn, Senefelderquartier'), 0.8],
  [german('Sachsen', 'Chemnitz', 'Sonnenberg, Kaßberg, Yorckgebiet'), 0.7],
];

export const TURKISH_STREETS = [
  'Atatürk Cad.',
  'Cumhuriyet Cad.',
  'Fatih Sk.',
  'Gül Sk.',
  'Lale Sk.',
  'Menekşe Sk.',
  'Papatya Sk.',
  'Çınar Sk.',
  'Ihlamur Sk.',
  'Yıldız Sk.',
  'Barış Sk.',
  'Huzur Sk.',
  'Pınar Sk.',
  'Bahar Sk.',
  'Zambak Sk.',
  'Karanfil Sk.',
  'Nergis Sk.',
  'Sümbül Sk.',
  'Kardelen Sk.',
  'Sedef Sk.',
];

export const GERMAN_STREETS = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Gartenstraße',
  'Schulstraße',
  'Lindenstraße',
  'Bergstraße',
  'Kirchstraße',
  'Ringstraße',
  'Mühlenweg',
  'Am Markt',
];
