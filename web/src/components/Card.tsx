import { useId, type ReactNode } from 'react';

interface Props {
  readonly title: ReactNode;
  /** A line under the title. */
  readonly hint?: string;
  /** Buttons at the top right (downloads, toggles); left out of print. */
  readonly actions?: ReactNode;
  /** Content runs to the card's edges, as a table does. */
  readonly flush?: boolean;
  readonly testId?: string;
  readonly className?: string;
  readonly children: ReactNode;
}

/** A titled section of a page: the title names the region for screen readers too. */
export function Card({ title, hint, actions, flush, testId, className, children }: Props) {
  const headingId = useId();
  const heading = (
    <h2 className="card__title" id={headingId}>
      {title}
    </h2>
  );
  const classes = ['card', flush ? 'card--flush' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <section className={classes} aria-labelledby={headingId} data-testid={testId}>
      {hint || actions || flush ? (
        <div className={flush ? 'card__head card__head--padded' : 'card__head'}>
          <div>
            {heading}
            {hint ? <p className="card__hint muted">{hint}</p> : null}
          </div>
          {actions ? <div className="card__actions no-print">{actions}</div> : null}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
