import type { CommercerKind } from '@lc/contract';
import { Random } from './random.js';

/**
 * The simulated tenants: brands with their hosts (commercers), products and
 * reaction stamps. The first three brands are fixed so demos always show the
 * same names; more brands are made up from word lists when a benchmark needs
 * more sessions than three brands could realistically stream.
 */

export type Language = 'ja' | 'en';
export type Cadence = 'daily' | 'weekly';
export type Category = 'beauty' | 'home' | 'outdoor' | 'fashion' | 'food';
/**
 * How often a host recaps the stream for viewers who joined midway (the gaps are in run-sheet.ts):
 * a habit of the host, not of the show, so recap coverage differs by host.
 */
export type RecapHabit = 'often' | 'regular' | 'never';

export interface SimProduct {
  productId: string;
  name: string;
  /** Decimal string in the brand currency's major unit: "3300" (JPY), "12.50" (USD). */
  unitPrice: string;
}

export interface SimCommercer {
  commercerId: string;
  name: string;
  kind: CommercerKind;
  /** Where this host usually streams; a few sessions go out elsewhere. */
  platform: string;
  cadence: Cadence;
  /** Local weekdays (0 = Sunday) the host streams on. */
  weekdays: readonly number[];
  /** Local start time, minutes after midnight. */
  minuteOfDay: number;
  durationMinutes: readonly [min: number, max: number];
  /** How many viewers this host draws compared with the brand's usual audience. */
  draw: number;
  recapHabit: RecapHabit;
}

export interface SimBrand {
  brandId: string;
  /** Short prefix of session, viewer and product ids, so ids stay small on disk. */
  code: string;
  name: string;
  timeZone: string;
  currency: string;
  language: Language;
  category: Category;
  /** Typical viewers of one stream before host, day and noise factors. */
  audience: number;
  stamps: readonly (readonly [name: string, weight: number])[];
  products: readonly SimProduct[];
  commercers: readonly SimCommercer[];
}

interface BrandIdentity {
  brandId: string;
  code: string;
  name: string;
  timeZone: string;
  currency: string;
  language: Language;
  category: Category;
  audience: number;
  signatureStamp: string;
  /**
   * The fixed demo brands run a fuller schedule (3–5 hosts, two daily shows),
   * so that a demo of about a million events fits in them without a fourth brand.
   */
  flagship: boolean;
}

const FIXED_BRANDS: readonly BrandIdentity[] = [
  {
    brandId: 'sakura-beauty',
    code: 'skr',
    name: 'Sakura Beauty',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    language: 'ja',
    category: 'beauty',
    audience: 260,
    signatureStamp: 'sakura',
    flagship: true,
  },
  {
    brandId: 'kumo-home',
    code: 'kmo',
    name: 'Kumo Home & Kitchen',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    language: 'ja',
    category: 'home',
    audience: 170,
    signatureStamp: 'kumo',
    flagship: true,
  },
  {
    brandId: 'trailhead-outfitters',
    code: 'trl',
    name: 'Trailhead Outfitters',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
    language: 'en',
    category: 'outdoor',
    audience: 200,
    signatureStamp: 'trailhead',
    flagship: true,
  },
];

type PriceList = readonly (readonly [name: string, price: string])[];

const PRODUCTS: Record<Category, Record<Language, PriceList>> = {
  beauty: {
    ja: [
      ['モイストローション 200mL', '3300'],
      ['リップティント 全6色', '1980'],
      ['UVミルク SPF50+', '2750'],
      ['クレンジングバーム', '3520'],
      ['アイシャドウパレット', '4620'],
      ['美容液セラム 30mL', '6600'],
      ['ハンドクリーム 3本セット', '1650'],
      ['シートマスク 10枚入', '2200'],
      ['ヘアオイル', '2970'],
      ['コフレ ギフトボックス', '8800'],
    ],
    en: [
      ['Hydrating Serum 1oz', '38.00'],
      ['Tinted Lip Balm', '14.50'],
      ['Mineral Sunscreen SPF 50', '24.00'],
      ['Cleansing Balm', '29.00'],
      ['Eyeshadow Palette', '42.00'],
      ['Sheet Masks (10)', '19.99'],
      ['Hand Cream Trio', '22.00'],
      ['Hair Oil', '27.50'],
    ],
  },
  home: {
    ja: [
      ['南部鉄器 ミニ急須', '8800'],
      ['今治タオル 2枚組', '3300'],
      ['保存容器セット', '2480'],
      ['土鍋 6号', '5980'],
      ['ステンレスタンブラー', '2980'],
      ['木製カッティングボード', '4400'],
      ['ルームフレグランス', '3850'],
      ['羽毛枕', '12100'],
      ['マグカップ ペア', '3960'],
    ],
    en: [
      ['Cast Iron Skillet 10in', '49.95'],
      ['Linen Towel Set', '36.00'],
      ['Glass Storage Set', '28.50'],
      ['Ceramic Mug Pair', '24.00'],
      ['Bamboo Cutting Board', '32.00'],
      ['Reed Diffuser', '29.95'],
      ['Down Pillow', '89.00'],
    ],
  },
  outdoor: {
    ja: [
      ['レインジャケット', '16500'],
      ['メリノウールソックス', '2640'],
      ['保温ボトル 500mL', '3960'],
      ['トレイルキャップ', '4290'],
      ['ダウンベスト', '13200'],
      ['ヘッドランプ', '5940'],
      ['デイパック 22L', '9900'],
    ],
    en: [
      ['Ultralight Rain Shell', '129.00'],
      ['Merino Hiking Socks (3-pack)', '34.50'],
      ['Insulated Bottle 32oz', '39.95'],
      ['Trail Running Cap', '24.00'],
      ['Enamel Camp Mug', '12.50'],
      ['Packable Down Vest', '89.95'],
      ['Headlamp 400lm', '44.99'],
      ['Daypack 22L', '74.00'],
      ['Trekking Poles (pair)', '99.00'],
    ],
  },
  fashion: {
    ja: [
      ['リネンシャツ', '7900'],
      ['ワイドパンツ', '6990'],
      ['ニットカーディガン', '8990'],
      ['レザーバッグ', '15400'],
      ['キャンバススニーカー', '11000'],
      ['ストール', '3990'],
      ['フープピアス', '2980'],
    ],
    en: [
      ['Linen Shirt', '58.00'],
      ['Wide-Leg Pants', '64.00'],
      ['Knit Cardigan', '72.00'],
      ['Leather Tote', '129.00'],
      ['Canvas Sneakers', '68.00'],
      ['Silk Scarf', '45.00'],
      ['Hoop Earrings', '28.00'],
    ],
  },
  food: {
    ja: [
      ['特選ほうじ茶', '1620'],
      ['和三盆クッキー', '2160'],
      ['国産はちみつ', '3240'],
      ['ドリップコーヒー 20袋', '2700'],
      ['だしパック', '1980'],
      ['フルーツゼリー 6個', '3888'],
      ['ギフトセット', '5400'],
    ],
    en: [
      ['Single-Origin Coffee 12oz', '18.50'],
      ['Raw Wildflower Honey', '14.00'],
      ['Dark Chocolate Bars (4)', '16.00'],
      ['Olive Oil 500ml', '24.95'],
      ['Granola Trio', '21.00'],
      ['Hot Sauce Set', '27.00'],
      ['Gift Box', '49.00'],
    ],
  },
};

const CATEGORY_STAMPS: Record<Category, readonly string[]> = {
  beauty: ['sparkle', 'kawaii'],
  home: ['wow', 'cozy'],
  outdoor: ['fire', 'mountain'],
  fashion: ['fire', 'sparkle'],
  food: ['yum', 'fire'],
};

const HOST_NAMES: Record<Language, Record<CommercerKind, readonly string[]>> = {
  ja: {
    professional: ['MIKA', 'あやか', 'ゆうな', 'KENTO', 'りさ', 'ちひろ', 'SHO', 'まい'],
    in_house: ['佐藤 美咲', '高橋 ゆい', '田中 蓮', '中村 さくら', '小林 陽菜', '山本 健太', '伊藤 彩', '渡辺 翔'],
  },
  en: {
    professional: ['Jess Carter', 'Marcus Lee', 'Priya Shah', 'Tyler Brooks', 'Dana Kim', 'Alex Rivera'],
    in_house: ['Sam Ortiz', 'Morgan Reed', 'Chris Nguyen', 'Taylor Flynn', 'Jordan Park', 'Casey Wong'],
  },
};

const PLATFORMS: Record<CommercerKind, readonly (readonly [string, number])[]> = {
  // Hired hosts bring their own social audience; staff stream on the brand's shop.
  professional: [
    ['tiktok', 35],
    ['instagram', 35],
    ['youtube', 20],
    ['own_site', 10],
  ],
  in_house: [
    ['own_site', 40],
    ['instagram', 35],
    ['youtube', 15],
    ['tiktok', 10],
  ],
};
export const ALL_PLATFORMS = ['instagram', 'tiktok', 'youtube', 'own_site'] as const;

/** Local start times (minutes after midnight): evenings after work, and a lunch slot. */
const EVENING: Record<Language, readonly number[]> = {
  ja: [19 * 60, 20 * 60, 20 * 60 + 30, 21 * 60],
  en: [17 * 60, 18 * 60, 18 * 60 + 30, 19 * 60],
};
const LUNCH: Record<Language, readonly number[]> = { ja: [12 * 60, 12 * 60 + 30], en: [11 * 60, 12 * 60] };

const NAME_PARTS: Record<Language, readonly string[]> = {
  ja: ['Hoshi', 'Mori', 'Umi', 'Yuzu', 'Kaze', 'Tsuki', 'Hana', 'Sora', 'Kiri', 'Nagi'],
  en: ['Summit', 'Harbor', 'Cedar', 'Golden', 'Prairie', 'Juniper', 'Copper', 'Willow', 'Fable', 'Northside'],
};
const CATEGORY_NAMES: Record<Category, Record<Language, readonly string[]>> = {
  beauty: { ja: ['Beauty', 'Cosme'], en: ['Beauty', 'Skin Lab'] },
  home: { ja: ['Living', 'Kurashi'], en: ['Home', 'Goods'] },
  outdoor: { ja: ['Outdoor', 'Trail'], en: ['Supply Co.', 'Outdoors'] },
  fashion: { ja: ['Wear', 'Closet'], en: ['Apparel', 'Studio'] },
  food: { ja: ['Foods', 'Shokudo'], en: ['Pantry', 'Provisions'] },
};
const CATEGORIES: readonly Category[] = ['beauty', 'home', 'outdoor', 'fashion', 'food'];

/** Identity of brand number `index` (0-based): the fixed three, then made-up ones. */
function brandIdentity(index: number, rng: Random, usedNames: Set<string>): BrandIdentity {
  if (index < FIXED_BRANDS.length) return FIXED_BRANDS[index];
  // Same mix as the fixed three: two Japanese brands for each US one.
  const language: Language = index % 3 === 2 ? 'en' : 'ja';
  const category = CATEGORIES[index % CATEGORIES.length];
  let name = `${rng.pick(NAME_PARTS[language])} ${rng.pick(CATEGORY_NAMES[category][language])}`;
  if (usedNames.has(name)) name = `${name} ${index + 1}`;
  const number = String(index + 1).padStart(4, '0');
  return {
    brandId: `brand-${number}`,
    code: `b${number}`,
    name,
    timeZone: language === 'ja' ? 'Asia/Tokyo' : 'America/Los_Angeles',
    currency: language === 'ja' ? 'JPY' : 'USD',
    language,
    category,
    audience: rng.int(90, 260),
    signatureStamp: rng.pick(CATEGORY_STAMPS[category]),
    flagship: false,
  };
}

function makeCommercers(identity: BrandIdentity, rng: Random): SimCommercer[] {
  const count = identity.flagship ? rng.int(3, 5) : rng.int(2, 5);
  const kinds: CommercerKind[] = [];
  for (let i = 0; i < count; i++) {
    // Every brand has both kinds, so the professional vs in-house comparison is never empty.
    kinds.push(i === 0 ? 'professional' : i === 1 ? 'in_house' : rng.chance(0.55) ? 'professional' : 'in_house');
  }
  // A fork, so the habits leave every other draw of the catalogue as it was.
  const habits = recapHabits(rng.fork('recap-habits'), count);
  const names = {
    professional: rng.sample(HOST_NAMES[identity.language].professional, count),
    in_house: rng.sample(HOST_NAMES[identity.language].in_house, count),
  };
  return kinds.map((kind, i): SimCommercer => {
    // The first host carries the brand's regular show; the others mostly do weekly specials.
    const cadence: Cadence = i === 0 || (identity.flagship && i === 2) || rng.chance(0.3) ? 'daily' : 'weekly';
    const lunch = cadence === 'daily' && i > 0 && rng.chance(0.4);
    const weekdays =
      cadence === 'daily'
        ? kind === 'in_house'
          ? [1, 2, 3, 4, 5]
          : rng.pick([
              [1, 2, 3, 4, 5, 6],
              [0, 1, 2, 3, 4, 5, 6],
              [1, 3, 5],
            ])
        : [
            rng.weighted<number>([
              [5, 3],
              [6, 3],
              [0, 2],
              [3, 1],
              [4, 1],
            ]),
          ];
    return {
      commercerId: `${identity.code}-c${i + 1}`,
      name: names[kind].shift() ?? `${kind === 'professional' ? 'Host' : 'Staff'} ${i + 1}`,
      kind,
      platform: rng.weighted(PLATFORMS[kind]),
      cadence,
      weekdays,
      minuteOfDay: rng.pick(lunch ? LUNCH[identity.language] : EVENING[identity.language]),
      durationMinutes: cadence === 'weekly' ? [60, 90] : lunch ? [30, 45] : [30, 60],
      draw: kind === 'professional' ? rng.float(1.1, 1.6) : rng.float(0.6, 1.0),
      recapHabit: habits[i],
    };
  });
}

/**
 * Each habit once in a brand of three hosts or more, in a random order (the brand's regular show may
 * be the one that never recaps), then habits drawn at random: every brand's hosts differ in recap
 * coverage, and some brands have two hosts who never bother.
 */
function recapHabits(rng: Random, count: number): RecapHabit[] {
  const habits = rng.shuffle<RecapHabit>(['often', 'regular', 'never']);
  while (habits.length < count) {
    habits.push(
      rng.weighted<RecapHabit>([
        ['regular', 2],
        ['often', 1],
        ['never', 1],
      ]),
    );
  }
  return habits.slice(0, count);
}

function makeProducts(identity: BrandIdentity): SimProduct[] {
  return PRODUCTS[identity.category][identity.language].map(([name, unitPrice], i) => ({
    productId: `${identity.code}-p${String(i + 1).padStart(2, '0')}`,
    name,
    unitPrice,
  }));
}

/** Builds `count` brands; brand i is the same whatever `count` is, so more brands only add tenants. */
export function buildBrands(seed: number | string, count: number): SimBrand[] {
  const root = new Random(seed);
  const usedNames = new Set<string>();
  const brands: SimBrand[] = [];
  for (let index = 0; index < count; index++) {
    const rng = root.fork(`brand:${index}`);
    const identity = brandIdentity(index, rng, usedNames);
    usedNames.add(identity.name);
    brands.push({
      brandId: identity.brandId,
      code: identity.code,
      name: identity.name,
      timeZone: identity.timeZone,
      currency: identity.currency,
      language: identity.language,
      category: identity.category,
      audience: identity.audience,
      stamps: [
        ['like', 45],
        ['heart', 25],
        [identity.signatureStamp, 15],
        ['clap', 8],
        [CATEGORY_STAMPS[identity.category].find((stamp) => stamp !== identity.signatureStamp) ?? 'wow', 7],
      ],
      products: makeProducts(identity),
      commercers: makeCommercers(identity, rng),
    });
  }
  return brands;
}
