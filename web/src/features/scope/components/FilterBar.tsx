import { SelectField } from '../../../components/SelectField';
import { PRESETS, isDay, type FilterIssue, type Preset } from '../../../lib/filters';
import { useI18n, type MessageKey, type Translate } from '../../../lib/i18n';
import { useScope } from '../scope';

const PRESET_LABEL: Record<Preset, MessageKey> = {
  '7d': 'preset7d',
  '28d': 'preset28d',
  '90d': 'preset90d',
  custom: 'presetCustom',
};

// Zones a Japanese brand's team commonly reads in; the brand's own, the browser's and the current one are added.
const COMMON_ZONES = [
  'Asia/Tokyo',
  'UTC',
  'Asia/Seoul',
  'Asia/Shanghai',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
];

function browserZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Says which param of the link was not honoured and what is shown instead. */
function issueMessage(
  issue: FilterIssue,
  shown: { brand: string; zone: string; period: string },
  t: Translate,
): string {
  switch (issue.kind) {
    case 'brand':
      return t('ignoredBrand', { value: issue.value, brand: shown.brand });
    case 'timeZone':
      return t('ignoredZone', { value: issue.value, zone: shown.zone });
    case 'period':
      return t('ignoredPeriod', { value: issue.value, period: shown.period });
  }
}

/** Brand, period, zone and compare: each change rewrites the URL, which is the only state. */
export function FilterBar() {
  const { t } = useI18n();
  const { brands, brand, filters, zone, issues, update } = useScope();
  const local = browserZone();
  const zones = [...new Set([brand.timeZone, zone, ...(local ? [local] : []), ...COMMON_ZONES])];

  const zoneLabel = (z: string): string => {
    if (z === brand.timeZone) return t('zoneBrand', { zone: z });
    if (z === local) return t('zoneBrowser', { zone: z });
    return z;
  };

  return (
    <form
      className="filterbar"
      data-testid="filter-bar"
      aria-label={t('filtersLabel')}
      onSubmit={(e) => e.preventDefault()}
    >
      {brands.length > 1 ? (
        <SelectField
          label={t('filterBrand')}
          testId="brand-filter"
          value={brand.id}
          options={brands.map((b) => ({ value: b.id, label: b.name }))}
          // The zone chosen for one brand rarely suits the next: switching brands returns to its own.
          onChange={(brandId) => update({ brandId, timeZone: null })}
        />
      ) : null}
      <SelectField
        label={t('filterPeriod')}
        testId="period-filter"
        value={filters.preset}
        options={PRESETS.map((p) => ({ value: p, label: t(PRESET_LABEL[p]) }))}
        onChange={(preset) => update({ preset: preset as Preset })}
      />
      <label className="inline-field">
        <span className="field__label">{t('filterFrom')}</span>
        <input
          className="input input--date"
          type="date"
          data-testid="period-from"
          value={filters.from}
          max={filters.to}
          // A From after To (typed past `max`) moves To along rather than producing an empty period.
          onChange={(e) => {
            const from = e.target.value;
            if (isDay(from)) update({ preset: 'custom', from, to: from > filters.to ? from : filters.to });
          }}
        />
      </label>
      <label className="inline-field">
        <span className="field__label">{t('filterTo')}</span>
        <input
          className="input input--date"
          type="date"
          data-testid="period-to"
          value={filters.to}
          min={filters.from}
          onChange={(e) => {
            const to = e.target.value;
            if (isDay(to)) update({ preset: 'custom', from: to < filters.from ? to : filters.from, to });
          }}
        />
      </label>
      <SelectField
        label={t('filterZone')}
        testId="zone-filter"
        value={zone}
        options={zones.map((z) => ({ value: z, label: zoneLabel(z) }))}
        onChange={(z) => update({ timeZone: z === brand.timeZone ? null : z })}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="compare-toggle"
          checked={filters.compare}
          onChange={(e) => update({ compare: e.target.checked })}
        />
        {t('filterCompare')}
      </label>
      {issues.length > 0 ? (
        <div className="filterbar__notice" role="status" data-testid="filter-notice">
          {issues.map((issue) => (
            <p key={issue.kind}>
              {issueMessage(issue, { brand: brand.name, zone, period: t(PRESET_LABEL[filters.preset]) }, t)}
            </p>
          ))}
        </div>
      ) : null}
    </form>
  );
}
