import type { CommercerKind } from '../queries/session.types';

export function commercerKindLabel(kind: CommercerKind): string {
  switch (kind) {
    case 'professional':
      return 'Professional';
    case 'in_house':
      return 'In-house';
  }
}

export function KindBadge({ kind }: { kind: CommercerKind }) {
  return <span className={`badge badge--${kind}`}>{commercerKindLabel(kind)}</span>;
}

export function LiveBadge() {
  return (
    <span className="badge badge--live" data-testid="live-badge">
      <span className="badge__pulse" aria-hidden="true" />
      Live
    </span>
  );
}
