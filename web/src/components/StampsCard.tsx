import { COLORS } from '../lib/chart-colors';
import { formatInteger } from '../lib/format';
import { useI18n, type Translate } from '../lib/i18n';
import { BarList } from './BarList';
import { Card } from './Card';

export interface StampLikes {
  readonly stamp: string;
  readonly likes: number;
}

/** A stamp's name for the reader: the default `like` in the page's language, a brand's own stamps as sent. */
export function stampLabel(stamp: string, t: Translate): string {
  return stamp === 'like' ? t('stamp_like') : stamp;
}

/** Likes by stamp as labelled bars, in the order given (the API sends the most used first). */
export function StampsCard({ stamps, testId }: { stamps: readonly StampLikes[]; testId: string }) {
  const { t, lang } = useI18n();
  const most = Math.max(1, ...stamps.map((s) => s.likes));
  return (
    <Card title={t('stamps')}>
      {stamps.length === 0 ? (
        <p className="muted">{t('noStamps')}</p>
      ) : (
        <BarList
          testId={testId}
          color={COLORS.purple}
          items={stamps.map((s) => ({
            key: s.stamp,
            label: stampLabel(s.stamp, t),
            fraction: s.likes / most,
            value: formatInteger(s.likes, lang),
          }))}
        />
      )}
    </Card>
  );
}
