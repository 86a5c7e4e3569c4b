import type { Language } from './catalogue.js';

/**
 * What people type in a live shopping chat. `{product}` is replaced with the
 * product on screen. Questions matter apart from chatter because hosts answer
 * them far more often, which is what `commentResponseRate` measures.
 */
export interface Phrasebook {
  titles: readonly string[];
  greetings: readonly string[];
  reactions: readonly string[];
  questions: readonly string[];
  bought: readonly string[];
  goodbyes: readonly string[];
  hostAnswers: readonly string[];
  hostThanks: readonly string[];
  hostWelcome: readonly string[];
  hostIntro: string;
  /** `{product}` is the list of products shown so far. */
  hostRecap: readonly string[];
  /** Joins the product names of a recap. */
  listSeparator: string;
}

export const PHRASES: Record<Language, Phrasebook> = {
  ja: {
    titles: [
      '【LIVE】{product}ほか 新作紹介',
      '{host}の今夜のおすすめ',
      '【限定セット】{product}を徹底解説',
      '週末スペシャル配信 {product}も登場',
      'お悩み相談LIVE｜{product}の使い方',
      '{host}と一緒にお買い物タイム',
    ],
    greetings: [
      'こんばんは！',
      'はじめまして',
      '待ってました！',
      'きたー！',
      'こんにちは〜',
      '今日も楽しみ！',
      '初見です',
    ],
    reactions: [
      'かわいい！',
      'ほしい！',
      'いい色〜',
      'すごい',
      '{product}気になる',
      'それ持ってます！',
      '安い！',
      'リピしてます',
      'わかる〜',
    ],
    questions: [
      '{product}のサイズ感はどうですか？',
      '{product}は敏感肌でも使えますか？',
      '送料はいくらですか？',
      '在庫はまだありますか？',
      '{product}の色違いはありますか？',
      'セット割はありますか？',
      '{product}はいつ届きますか？',
      'ギフト包装できますか？',
    ],
    bought: ['買いました！', 'ポチりました', '{product}カートに入れた！', '購入完了です'],
    goodbyes: ['ありがとうございました！', 'おやすみなさい', '楽しかったです', 'また来ます！'],
    hostAnswers: [
      'ご質問ありがとうございます！{product}はこのあと詳しくお見せしますね',
      'はい、まだ在庫ございます！',
      '送料は5,000円以上で無料です',
      'いい質問！{product}は全色ご用意しています',
      'ありがとうございます！概要欄のリンクからどうぞ',
      'お届けは2〜3日ほどです',
    ],
    hostThanks: ['ありがとうございます！', 'うれしい〜！', 'お買い上げありがとうございます！'],
    hostWelcome: ['いらっしゃい！', 'ようこそ〜！', '来てくれてありがとう！'],
    hostIntro: '次は「{product}」のご紹介です！',
    hostRecap: [
      '途中から来てくれた方へ：ここまで{product}をご紹介しました！',
      'おさらいです！今日は{product}をご紹介しています。気になる方は商品カードをタップしてね',
      '今来た方もようこそ！ここまでのご紹介は{product}です',
    ],
    listSeparator: '、',
  },
  en: {
    titles: [
      'LIVE: {product} and new arrivals',
      "{host}'s picks of the week",
      'Deep dive: {product}',
      'Weekend special with {host}',
      'Gear Q&A: {product}',
      'Shop live with {host}',
    ],
    greetings: [
      'hi from Portland!',
      'first time here',
      'hey everyone',
      'just got here',
      'hello!!',
      'made it!',
      'evening all',
    ],
    reactions: [
      'love this',
      'need it',
      'that color!',
      'so good',
      '{product} looks great',
      'I have one, 10/10',
      'great price',
      'adding to my list',
      'nice',
    ],
    questions: [
      'does the {product} run true to size?',
      'is the {product} waterproof?',
      'do you ship to Canada?',
      'is it back in stock?',
      'what colors does the {product} come in?',
      'any bundle discount?',
      'how long does shipping take?',
      'can I gift wrap it?',
    ],
    bought: ['just ordered!', 'got one!', '{product} in my cart', 'bought it'],
    goodbyes: ['thanks!', 'great stream', 'see you next week', 'bye all'],
    hostAnswers: [
      'Great question! Showing the {product} up close in a sec',
      'Yes, still in stock!',
      'Free shipping over $50',
      'The {product} comes in four colors',
      'Thanks for asking! Link is pinned in the chat',
      'Ships in 2-3 business days',
    ],
    hostThanks: ['Thank you!', 'Love that!', 'Thanks for the order!'],
    hostWelcome: ['Welcome in!', 'Hey, welcome!', 'So glad you made it!'],
    hostIntro: 'Next up: {product}!',
    hostRecap: [
      "Quick recap for anyone just joining: so far we've shown {product}.",
      'Just tuned in? Today we have {product}. Tap a product card for details!',
      'Recap time! We covered {product}, all linked below.',
    ],
    listSeparator: ', ',
  },
};

export function fill(template: string, product: string, host = ''): string {
  return template.replace('{product}', product).replace('{host}', host);
}
