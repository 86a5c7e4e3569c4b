import type { CommercerKind } from '../gql/graphql';
import { useI18n } from '../lib/i18n';

export function KindBadge({ kind }: { kind: CommercerKind }) {
  const { t } = useI18n();
  return <span className={`badge badge--${kind}`}>{t(kind)}</span>;
}

export function LiveBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge--live" data-testid="live-badge">
      <span className="badge__pulse" aria-hidden="true" />
      {t('live')}
    </span>
  );
}
