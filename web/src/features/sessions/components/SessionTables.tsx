import { formatInteger, formatPercent, formatTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import type { MinutePoint, RetentionPoint } from './SessionCharts';

export function TimelineTable({ points, zone }: { points: readonly MinutePoint[]; zone: string }) {
  const { t, lang } = useI18n();
  return (
    <table className="table table--compact" data-testid="timeline-table">
      <thead>
        <tr>
          <th scope="col">{t('minute')}</th>
          <th scope="col">{t('colStart')}</th>
          <th scope="col" className="num">
            {t('watching')}
          </th>
          <th scope="col" className="num">
            {t('kpi_comments')}
          </th>
          <th scope="col" className="num">
            {t('kpi_likes')}
          </th>
          <th scope="col" className="num">
            {t('kpi_cartAdds')}
          </th>
          <th scope="col" className="num">
            {t('kpi_orders')}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.minute} data-testid={`minute-row-${p.minute}`}>
            <td>{p.minute}</td>
            <td>{formatTime(p.at, zone)}</td>
            <td className="num" data-testid="cell-watching">
              {formatInteger(p.watching, lang)}
            </td>
            <td className="num">{formatInteger(p.comments, lang)}</td>
            <td className="num">{formatInteger(p.likes, lang)}</td>
            <td className="num">{formatInteger(p.cartAdds, lang)}</td>
            <td className="num">{formatInteger(p.orders, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionTable({ points }: { points: readonly RetentionPoint[] }) {
  const { t, lang } = useI18n();
  return (
    <table className="table table--compact" data-testid="retention-table">
      <thead>
        <tr>
          <th scope="col">{t('minute')}</th>
          <th scope="col" className="num">
            {t('share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.minute} data-testid={`retention-row-${p.minute}`}>
            <td>≥ {p.minute}</td>
            <td className="num">{formatPercent(p.share, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
